{#- The cleaned score adjustments, on surviving leads: one row per adjustment_id (the
    first delivered valid row). -#}
with int_score_adjustments_triaged as (

    select * from {{ ref('int_score_adjustments_triaged') }}

)

select
    adjustment_id,
    lead_id,
    source_lead_id,
    effective_at,
    expires_at,
    mode,
    dimension,
    cast(points as {{ leadscore_type_double() }}) as points,
    reason
from int_score_adjustments_triaged
where triage_reason is null
