{#- Folds every run of white space in a text expression to one space. -#}
{% macro leadscore_fold_whitespace(expression) -%}
    {{ return(adapter.dispatch('leadscore_fold_whitespace', 'leadscore')(expression)) }}
{%- endmacro %}

{% macro default__leadscore_fold_whitespace(expression) -%}
    regexp_replace({{ expression }}, '\s+', ' ', 'g')
{%- endmacro %}

{% macro spark__leadscore_fold_whitespace(expression) -%}
    regexp_replace({{ expression }}, '\\s+', ' ')
{%- endmacro %}
