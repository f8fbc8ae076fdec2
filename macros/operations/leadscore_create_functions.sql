{#- Run at the start of every dbt invocation (on-run-start): the helper functions an engine
    lacks. DuckDB has them all; Postgres gets `leadscore_try_cast_<type>(text)`, which
    return null where a cast would raise (Postgres has no try_cast), in the target schema.
    They catch the cast's error in a subtransaction, which Postgres forbids in parallel
    plans: they stay `parallel unsafe` (the default), or a parallel query stops with an error,
    and a query that calls one gets no parallel workers. So the millions of timestamps of the
    activities do not go through them (postgres__leadscore_parse_timestamp validates the
    fields itself); the numbers and booleans of the smaller inputs do, once per row through
    leadscore_evaluate_once_fence. The casts are `stable` (a timestamp's reading depends on the
    session's settings). -#}
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
    returns {{ type }} language plpgsql stable as $leadscore$
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
