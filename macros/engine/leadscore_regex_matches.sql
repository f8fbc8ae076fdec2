{#- Regex search (not a full match) of a pattern in a text expression; null text gives
    null. `pattern` is a fixed pattern of the code, rendered as a quoted literal. -#}
{% macro leadscore_regex_matches(expression, pattern) -%}
    {{ return(adapter.dispatch('leadscore_regex_matches', 'leadscore')(expression, pattern)) }}
{%- endmacro %}

{% macro default__leadscore_regex_matches(expression, pattern) -%}
    ({{ expression }} ~ {{ leadscore_string_literal(pattern) }})
{%- endmacro %}

{% macro duckdb__leadscore_regex_matches(expression, pattern) -%}
    regexp_matches({{ expression }}, {{ leadscore_string_literal(pattern) }})
{%- endmacro %}

{% macro spark__leadscore_regex_matches(expression, pattern) -%}
    ({{ expression }} rlike {{ leadscore_string_literal(pattern) }})
{%- endmacro %}
