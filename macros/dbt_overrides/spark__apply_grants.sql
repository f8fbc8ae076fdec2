{#- The marts' `grants` are for warehouses with roles (Postgres). A local Spark session
    with its own metastore has no users to grant to (Spark's GRANT statement needs a
    catalog with access control), so on Spark they are skipped. -#}
{% macro spark__apply_grants(relation, grant_config, should_revoke=True) -%}
{%- endmacro %}
