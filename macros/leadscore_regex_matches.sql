{#- Regex search (not a full match) of a pattern in a text expression; null text gives
    null. Both arguments are SQL expressions or, for fixed patterns, rendered literals. -#}
{% macro default__leadscore_regex_matches(expression, pattern) -%}
    ({{ expression }} ~ {{ leadscore_string_literal(pattern) }})
{%- endmacro %}

{% macro duckdb__leadscore_regex_matches(expression, pattern) -%}
    regexp_matches({{ expression }}, {{ leadscore_string_literal(pattern) }})
{%- endmacro %}

{% macro spark__leadscore_regex_matches(expression, pattern) -%}
    ({{ expression }} rlike {{ leadscore_string_literal(pattern) }})
{%- endmacro %}
