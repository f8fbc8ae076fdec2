{#- The role BI tools and the CRM read with (env LEADSCORE_PG_READER_ROLE, default
    leadscore_reader). dbt `grants` give it select on the marts (dbt_project.yml); this
    on-run-start hook makes sure it exists (created NOLOGIN when the run may create roles:
    log-in users are made members of it) and may use the marts' schema — and no other. -#}
{% macro leadscore_reader_role() -%}
    {{ return(env_var('LEADSCORE_PG_READER_ROLE', 'leadscore_reader')) }}
{%- endmacro %}

{% macro leadscore_prepare_reader_role() -%}
    {{ return(adapter.dispatch('leadscore_prepare_reader_role', 'leadscore')()) }}
{%- endmacro %}

{% macro default__leadscore_prepare_reader_role() -%}
    select 1
{%- endmacro %}

{% macro postgres__leadscore_prepare_reader_role() -%}
    {%- set role = leadscore_reader_role() -%}
    do $leadscore$
    begin
        if not exists (select 1 from pg_roles where rolname = {{ leadscore_string_literal(role) }})
            and exists (select 1 from pg_roles where rolname = current_user and (rolcreaterole or rolsuper))
        then
            create role {{ adapter.quote(role) }} nologin;
        end if;
    end
    $leadscore$;
    {#- the schema exists: leadscore_create_functions, the hook before this one, made it -#}
    grant usage on schema {{ adapter.quote(target.schema) }} to {{ adapter.quote(role) }};
{%- endmacro %}
