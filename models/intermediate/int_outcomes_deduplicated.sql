with int_outcomes_triaged as (

    select * from {{ ref('int_outcomes_triaged') }}

)

select
    outcome_key,
    lead_id,
    source_lead_id,
    outcome,
    outcome_at,
    amount,
    data_quality_warnings
from int_outcomes_triaged
where triage_reason is null
