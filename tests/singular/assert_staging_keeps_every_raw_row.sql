-- Integrity between layers: staging types and cleans but never drops or adds a row, so
-- each stg_ model has exactly as many rows as its base model (one per raw row).
{%- set tables = ['leads', 'activities', 'outcomes', 'accounts'] %}

with layer_counts as (
    {%- for table in tables %}

        select
            '{{ table }}' as input_table,
            (select count(*) from {{ ref('base_' ~ table) }}) as base_rows,
            (select count(*) from {{ ref('stg_' ~ table) }}) as staging_rows
        {% if not loop.last %}union all{% endif %}
    {%- endfor %}

)

select
    input_table,
    base_rows,
    staging_rows
from layer_counts
where base_rows != staging_rows
