{#- On-run-start hook: makes sure the reader role (leadscore_reader_role) exists (created
    NOLOGIN when the run may create roles: log-in users are made members of it) and may use
    the marts' schema — and no other. Nothing on engines without roles. -#}
{% macro leadscore_prepare_reader_role() -%}
    {{ return(adapter.dispatch('leadscore_prepare_reader_role', 'leadscore')()) }}
{%- endmacro %}

{% macro default__leadscore_prepare_reader_role() -%}
    select 1
{%- endmacro %}

{% macro postgres__leadscore_prepare_reader_role() -%}
    {#- in a host project that installs leadscore as a package, roles are the host's to manage -#}
    {%- if project_name != 'leadscore' -%}
        {{- return('select 1') -}}
    {%- endif -%}
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
