{#- Replaces every match of a fixed regex pattern in a text expression. -#}
{% macro leadscore_regexp_replace_all(expression, pattern, replacement) -%}
    {{ return(adapter.dispatch('leadscore_regexp_replace_all', 'leadscore')(expression, pattern, replacement)) }}
{%- endmacro %}

{% macro default__leadscore_regexp_replace_all(expression, pattern, replacement) -%}
    regexp_replace({{ expression }}, {{ leadscore_string_literal(pattern) }}, {{ leadscore_string_literal(replacement) }}, 'g')
{%- endmacro %}

{% macro spark__leadscore_regexp_replace_all(expression, pattern, replacement) -%}
    regexp_replace({{ expression }}, {{ leadscore_string_literal(pattern) }}, {{ leadscore_string_literal(replacement) }})
{%- endmacro %}
