with int_leads_triaged as (

    select * from {{ ref('int_leads_triaged') }}

)

select
    raw_row_number,
    raw_record,
    lead_id,
    triage_reason as reason,
    triage_detail as reason_detail,
    {{ leadscore_run_started_at() }} as quarantined_at
from int_leads_triaged
where triage_reason is not null
