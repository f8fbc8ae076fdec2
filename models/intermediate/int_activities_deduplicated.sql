{#- The cleaned activities: the stored events that passed triage (a view over the
    incremental int_activities_triaged, so the events are stored once). lead_id is the
    survivor when the event was judged; scoring maps source_lead_id through
    int_lead_ids_mapped, so later merges are followed. -#}
with int_activities_triaged as (

    select * from {{ ref('int_activities_triaged') }}

)

select
    raw_row_number,
    activity_key,
    activity_id,
    lead_id,
    source_lead_id,
    activity_type,
    occurred_at,
    url,
    campaign,
    channel,
    triaged_at
from int_activities_triaged
where triage_reason is null
