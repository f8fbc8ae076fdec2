{#- A rule's regex (RE2 syntax, as DuckDB reads it; Spark's Java regexes agree on what rules
    use) as this engine must be given it. Postgres reads \b as a backspace: its word
    boundary is \y. -#}
{% macro leadscore_engine_regex(pattern_expression) -%}
    {{ return(adapter.dispatch('leadscore_engine_regex', 'leadscore')(pattern_expression)) }}
{%- endmacro %}

{% macro default__leadscore_engine_regex(pattern_expression) -%}
    {{ pattern_expression }}
{%- endmacro %}

{% macro postgres__leadscore_engine_regex(pattern_expression) -%}
    regexp_replace({{ pattern_expression }}, '(^|[^\\])\\b', '\1\\y', 'g')
{%- endmacro %}
