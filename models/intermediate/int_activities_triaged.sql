{#- Every staged activity row with its fate. Checks in order: row-level problems from
    staging, then an unknown lead (no valid lead row with that lead_id), then repeats:
    the same activity_id, or without one the exact same raw row, counts once (the
    first in the input is kept). The lead_id is mapped to its surviving lead. -#}
with stg_activities as (

    select * from {{ ref('stg_activities') }}

),

int_lead_ids_mapped as (

    select * from {{ ref('int_lead_ids_mapped') }}

),

mapped as (

    select
        stg_activities.*,
        int_lead_ids_mapped.lead_id as survivor_lead_id,
        coalesce(
            'id:' || stg_activities.activity_id,
            'row:' || {{ dbt.hash('stg_activities.raw_record') }}
        ) as activity_key
    from stg_activities
    left join int_lead_ids_mapped
        on stg_activities.lead_id = int_lead_ids_mapped.source_lead_id

),

ranked as (

    select
        *,
        -- repeats are counted among rows that passed the other checks only
        row_number() over (
            partition by activity_key, invalid_reason is null and survivor_lead_id is not null
            order by raw_row_number
        ) as repeat_rank
    from mapped

)

select
    raw_row_number,
    case
        when invalid_reason is not null or survivor_lead_id is null or repeat_rank > 1
            then raw_record
    end as raw_record,
    activity_key,
    activity_id,
    lead_id as source_lead_id,
    survivor_lead_id as lead_id,
    activity_type,
    occurred_at,
    url,
    campaign,
    channel,
    case
        when invalid_reason is not null then invalid_reason
        when survivor_lead_id is null then 'unknown_lead'
        when repeat_rank > 1 then 'duplicate'
    end as triage_reason,
    case
        when invalid_reason is not null then invalid_detail
        when survivor_lead_id is null then 'no valid lead with lead_id ' || lead_id
        when repeat_rank > 1 and activity_id is not null
            then 'activity_id ' || activity_id || ' seen before'
        when repeat_rank > 1 then 'exact repeat of an earlier row'
    end as triage_detail
from ranked
