{#- Integrity between layers for the input tables named: staging types and cleans but never
    adds a row and drops only the rows of erased leads (docs/personal-data.md "Erasure"), so
    each stg_ model has exactly as many rows as its base model (one per raw row) less the
    erased ones. Returns one row per table where that does not hold, with the three counts.
    The counts are subqueries in a from clause, not scalar subqueries or a CTE: Postgres can
    then count each with parallel workers, unless one of the tables' staging holds a
    parallel-unsafe function (a cast that catches its error), which keeps the whole query in
    one process; the activities are therefore checked by a test of their own. -#}
{% macro leadscore_staged_rows_not_kept(tables) -%}
select
    input_table,
    base_rows,
    staging_rows,
    erased_rows
from (
    {%- for table in tables %}

        select
            '{{ table }}' as input_table,
            base_count.base_rows,
            staging_count.staging_rows,
            erased_count.erased_rows
        from (select count(*) as base_rows from {{ ref('base_' ~ table) }}) as base_count
        cross join (select count(*) as staging_rows from {{ ref('stg_' ~ table) }}) as staging_count
        cross join (
            {%- if table == 'accounts' %}
                select 0 as erased_rows
            {%- else %}
                select count(*) as erased_rows
                from {{ ref('base_' ~ table) }} as raw_input
                where {{ leadscore_is_erased('raw_input.lead_id', ref('stg_erasure_requests')) }}
            {%- endif %}
        ) as erased_count
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}

) as layer_counts
where base_rows != staging_rows + erased_rows
{%- endmacro %}
