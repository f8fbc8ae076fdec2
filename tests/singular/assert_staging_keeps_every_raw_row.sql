-- Integrity between layers: staging types and cleans but never adds a row and drops only
-- the rows of erased leads (docs/personal-data.md "Erasure"), so each stg_ model has exactly as many rows
-- as its base model (one per raw row) less the erased ones.
{%- set tables = ['leads', 'activities', 'outcomes', 'accounts', 'sales_feedback', 'score_adjustments'] %}

with layer_counts as (
    {%- for table in tables %}

        select
            '{{ table }}' as input_table,
            (select count(*) from {{ ref('base_' ~ table) }}) as base_rows,
            (select count(*) from {{ ref('stg_' ~ table) }}) as staging_rows,
            {%- if table == 'accounts' %}
                0 as erased_rows
            {%- else %}
                (
                    select count(*) from {{ ref('base_' ~ table) }} as raw_input
                    where {{ leadscore_is_erased('raw_input.lead_id', ref('stg_erasure_requests')) }}
                ) as erased_rows
            {%- endif %}
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}

)

select
    input_table,
    base_rows,
    staging_rows,
    erased_rows
from layer_counts
where base_rows != staging_rows + erased_rows
