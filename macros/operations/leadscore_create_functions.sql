{#- Run at the start of every dbt invocation (on-run-start): the helper functions an engine
    lacks. DuckDB has them all; Postgres gets `leadscore_try_cast_<type>(text)`, which
    return null where a cast would raise (Postgres has no try_cast), in the target schema.
    They catch the cast's error in a subtransaction, which Postgres forbids in parallel
    plans: they stay `parallel unsafe` (the default), or a parallel query stops with an error.
    The casts are `volatile` although they are not: Postgres then evaluates a subquery that
    calls them once per row instead of folding it into its reader, which would repeat the
    call at every mention of the column (stg_activities' timestamp, five times per row). -#}
{% macro leadscore_create_functions() -%}
    {{ return(adapter.dispatch('leadscore_create_functions', 'leadscore')()) }}
{%- endmacro %}

{% macro default__leadscore_create_functions() -%}
    select 1
{%- endmacro %}

{% macro postgres__leadscore_create_functions() -%}
    create schema if not exists {{ adapter.quote(target.schema) }};
    {%- for name, type in leadscore_postgres_cast_functions().items() %}
    create or replace function {{ adapter.quote(target.schema) }}.leadscore_try_cast_{{ name }}(value text)
    returns {{ type }} language plpgsql volatile as $leadscore$
    begin
        return value::{{ type }};
    exception when others then
        return null;
    end
    $leadscore$;
    {%- endfor %}
    create or replace function {{ adapter.quote(target.schema) }}.leadscore_regex_compiles(pattern text)
    returns boolean language plpgsql immutable as $leadscore$
    begin
        perform '' ~ pattern;
        return true;
    exception when others then
        return false;
    end
    $leadscore$;
{%- endmacro %}
