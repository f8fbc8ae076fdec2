{#- The marts' `grants` are for warehouses with roles (Postgres); a DuckDB file is read by
    whoever may open it, so on DuckDB they are skipped without dbt-duckdb's warning on
    every run. -#}
{% macro duckdb__apply_grants(relation, grant_config, should_revoke=True) -%}
{%- endmacro %}
