{#- Written after the last column of a subquery whose computed columns its reader names
    several times (stg_activities: `select *` and the fence, from the parsed values).
    Postgres pulls a plain subquery up into its reader and then evaluates each computed column
    at every place the reader names it (stg_activities' parsed timestamp five times per row);
    a volatile column (`clock_timestamp()`, which no reader selects; parallel safe, where
    `random()` would keep the query out of parallel workers) keeps the subquery a step of its
    own, evaluated once per row, where Postgres still pushes the reader's filters on the other
    columns down (an incremental run's new rows) and leaves out the outputs no reader uses (a
    row count parses nothing). `offset 0` or a materialized CTE would stop both, and a CTE
    with a volatile column is always materialized: the fence goes in a subquery. `step` names
    the column (one per level). DuckDB and Spark share the expressions themselves: nothing. -#}
{% macro leadscore_evaluate_once_fence(step) -%}
    {{ return(adapter.dispatch('leadscore_evaluate_once_fence', 'leadscore')(step)) }}
{%- endmacro %}

{% macro default__leadscore_evaluate_once_fence(step) -%}
    {{ return('') }}
{%- endmacro %}

{% macro postgres__leadscore_evaluate_once_fence(step) -%}
    {{ return(', clock_timestamp() as ' ~ step ~ '_evaluated_once') }}
{%- endmacro %}
