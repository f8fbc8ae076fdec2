{#- True when a text value is one of the placeholders (case and surrounding white space
    ignored). -#}
{% macro leadscore_is_placeholder(column) -%}
    {{ return(adapter.dispatch('leadscore_is_placeholder', 'leadscore')(column)) }}
{%- endmacro %}

{% macro default__leadscore_is_placeholder(column) -%}
    lower(trim({{ column }})) in ({{ leadscore_placeholder_list() }})
{%- endmacro %}

{#- DuckDB turns a long IN list into a join per column, evaluated even for columns the
    query never reads; a list lookup stays an expression. Values longer than the longest
    placeholder skip lower() altogether. -#}
{% macro duckdb__leadscore_is_placeholder(column) -%}
    {%- set longest = var('leadscore_placeholder_values') | map('trim') | map('length') | max -%}
    (
        length(trim({{ column }})) <= {{ longest or 0 }}
        and list_contains([{{ leadscore_placeholder_list() }}], lower(trim({{ column }})))
    )
{%- endmacro %}
