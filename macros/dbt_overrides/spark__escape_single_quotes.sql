{#- Spark reads backslash escapes in string literals, so dbt's quoting of values (unit-test
    fixtures: a regex such as `\b...`) must double the backslash as well; dbt-spark's own
    version escapes the quote only. -#}
{% macro spark__escape_single_quotes(expression) -%}
{{ expression | replace('\\', '\\\\') | replace("'", "\\'") }}
{%- endmacro %}
