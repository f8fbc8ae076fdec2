with int_activities_triaged as (

    select * from {{ ref('int_activities_triaged') }}

)

select
    activity_key,
    activity_id,
    lead_id,
    source_lead_id,
    activity_type,
    occurred_at,
    url,
    campaign,
    channel
from int_activities_triaged
where triage_reason is null
