{#- dbt's safe_cast is a plain cast on DuckDB, which raises on a bad value; a bad
    value in an optional column must become null instead (docs/CONTRACT.md section 1). -#}
{% macro duckdb__safe_cast(field, type) -%}
    try_cast({{ field }} as {{ type }})
{%- endmacro %}
