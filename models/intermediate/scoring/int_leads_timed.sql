{#- The moment each lead is scored at: as_of for every lead that exists then, or with the
    var leadscore_score_at_lead_age_days set, that many days after its created_at (never after
    as_of): what calibration and cohort backtests need. -#}
with int_leads_deduplicated as (

    select * from {{ ref('int_leads_deduplicated') }}

)

select
    lead_id,
    created_at,
    {% if var('leadscore_score_at_lead_age_days', none) is none -%}
        {{ leadscore_as_of() }}
    {%- else -%}
    least(
        {{ leadscore_as_of() }},
        {{ dbt.dateadd('day', var('leadscore_score_at_lead_age_days') | int, 'created_at') }}
    )
    {%- endif %} as as_of
from int_leads_deduplicated
where created_at <= {{ leadscore_as_of() }}
