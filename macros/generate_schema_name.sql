{#- Custom schemas are used as named (staging, intermediate), not prefixed with the
    target schema, so BI and the docs see stable names on every engine. The main job on
    Postgres builds beside the published schemas and then renames them (scripts/warehouse.py):
    it sets the target schema to `main__building` and LEADSCORE_SCHEMA_SUFFIX to `__building`. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema | trim }}
    {%- else -%}
        {{ custom_schema_name | trim }}{{ env_var('LEADSCORE_SCHEMA_SUFFIX', '') | trim }}
    {%- endif -%}
{%- endmacro %}
