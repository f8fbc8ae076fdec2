with int_activities_triaged as (

    select * from {{ ref('int_activities_triaged') }}

)

select
    raw_row_number,
    raw_record,
    source_lead_id as lead_id,
    triage_reason as reason,
    triage_detail as reason_detail,
    -- judged once: the run that judged the row
    triaged_at as quarantined_at
from int_activities_triaged
where triage_reason is not null
