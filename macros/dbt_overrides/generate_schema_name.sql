{#- Custom schemas are used as named, not prefixed with the target schema, so BI and the
    docs see stable names on every engine. The layers' names are vars
    (leadscore_staging_schema, leadscore_intermediate_schema, leadscore_restricted_schema;
    default staging, intermediate, restricted): a host project that installs leadscore as a
    package gives them names of their own, and dbt uses this macro for leadscore's models
    only (the host's keep the host's naming). The main job on Postgres builds beside the
    published schemas and then renames them (leadscore/warehouse/postgres.py): it sets the
    target schema to `main__building` and LEADSCORE_SCHEMA_SUFFIX to `__building`. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema | trim }}
    {%- else -%}
        {%- set layer = custom_schema_name | trim -%}
        {{ var('leadscore_' ~ layer ~ '_schema', layer) | trim }}{{ env_var('LEADSCORE_SCHEMA_SUFFIX', '') | trim }}
    {%- endif -%}
{%- endmacro %}
