{#- True when cleaned text (white space folded and trimmed, as leadscore_clean_text makes
    it) is one of the placeholders, case ignored. -#}
{% macro leadscore_is_placeholder(cleaned_text) -%}
    {{ return(adapter.dispatch('leadscore_is_placeholder', 'leadscore')(cleaned_text)) }}
{%- endmacro %}

{% macro default__leadscore_is_placeholder(cleaned_text) -%}
    lower({{ cleaned_text }}) in ({{ leadscore_placeholder_list() }})
{%- endmacro %}

{#- DuckDB turns a long IN list into a join per column, evaluated even for columns the
    query never reads; a list lookup stays an expression. Values longer than the longest
    placeholder skip lower() altogether. -#}
{% macro duckdb__leadscore_is_placeholder(cleaned_text) -%}
    {%- set longest = leadscore_placeholder_values() | map('length') | max -%}
    (
        length({{ cleaned_text }}) <= {{ longest or 0 }}
        and list_contains([{{ leadscore_placeholder_list() }}], lower({{ cleaned_text }}))
    )
{%- endmacro %}
