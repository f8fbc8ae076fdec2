{#- The role BI tools and the CRM read with (env LEADSCORE_PG_READER_ROLE, default
    leadscore_reader). dbt `grants` give it select on the marts (dbt_project.yml); the
    on-run-start hook leadscore_prepare_reader_role makes sure it exists. -#}
{% macro leadscore_reader_role() -%}
    {{ return(env_var('LEADSCORE_PG_READER_ROLE', 'leadscore_reader')) }}
{%- endmacro %}
