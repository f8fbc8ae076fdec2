with int_score_adjustments_triaged as (

    select * from {{ ref('int_score_adjustments_triaged') }}

)

select
    raw_row_number,
    raw_record,
    source_lead_id as lead_id,
    triage_reason as reason,
    triage_detail as reason_detail,
    {{ leadscore_run_started_at() }} as quarantined_at
from int_score_adjustments_triaged
where triage_reason is not null
