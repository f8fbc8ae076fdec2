{#- Every staged activity row with its fate, judged once: an incremental table (append).
    Checks in order: row-level problems from staging, then an unknown lead (no valid lead
    row with that lead_id), then repeats: the same activity_id, or without one the exact
    same raw row, counts once (the first in the input is kept). The lead_id is mapped to
    its surviving lead.
    An incremental run reads only rows that occurred after the newest stored event minus
    the var incremental_lookback_hours (and rows without a time), skips the raw rows it has
    already judged (by raw_row_number: the input is an append-only log), and judges the
    rest against the stored events of the same period, so a late event inside the lookback
    counts exactly once. -#}
with stg_activities as (

    select * from {{ ref('stg_activities') }}

),

int_lead_ids_mapped as (

    select * from {{ ref('int_lead_ids_mapped') }}

),

{% if is_incremental() -%}
judged_rows as (

    select
        raw_row_number,
        activity_key,
        occurred_at,
        triage_reason
    from {{ this }}

),

reread_window as (

    select
        {{ dbt.dateadd('hour', -(var('incremental_lookback_hours') | int), 'max(occurred_at)') }} as rereads_after
    from judged_rows
    where triage_reason is null

),

recently_judged as (

    select
        judged_rows.raw_row_number,
        judged_rows.activity_key,
        judged_rows.triage_reason
    from judged_rows
    cross join reread_window
    where
        reread_window.rereads_after is null
        or judged_rows.occurred_at is null
        or judged_rows.occurred_at > reread_window.rereads_after

),

unjudged as (

    select stg_activities.*
    from stg_activities
    cross join reread_window
    left join recently_judged
        on stg_activities.raw_row_number = recently_judged.raw_row_number
    where
        (
            reread_window.rereads_after is null
            or stg_activities.occurred_at is null
            or stg_activities.occurred_at > reread_window.rereads_after
        )
        and recently_judged.raw_row_number is null

),

{% else -%}
unjudged as (

    select * from stg_activities

),

{% endif -%}
mapped as (

    select
        unjudged.raw_row_number,
        unjudged.raw_record,
        unjudged.activity_id,
        unjudged.lead_id,
        unjudged.activity_type,
        unjudged.occurred_at,
        unjudged.url,
        unjudged.campaign,
        unjudged.channel,
        unjudged.invalid_reason,
        unjudged.invalid_detail,
        int_lead_ids_mapped.lead_id as survivor_lead_id,
        coalesce(
            'id:' || unjudged.activity_id,
            'row:' || {{ dbt.hash('unjudged.raw_record') }}
        ) as activity_key,
        unjudged.invalid_reason is null and int_lead_ids_mapped.lead_id is not null as is_countable,
        false as was_judged_before
    from unjudged
    left join int_lead_ids_mapped
        on unjudged.lead_id = int_lead_ids_mapped.source_lead_id

),

{% if is_incremental() -%}
-- events already stored inside the lookback are the earlier occurrences of a repeat
candidates as (

    select
        raw_row_number,
        activity_key,
        is_countable,
        was_judged_before
    from mapped

    union all

    select
        raw_row_number,
        activity_key,
        true as is_countable,
        true as was_judged_before
    from recently_judged
    where triage_reason is null

),

{% else -%}
candidates as (

    select
        raw_row_number,
        activity_key,
        is_countable,
        was_judged_before
    from mapped

),

{% endif -%}
ranked as (

    select
        raw_row_number,
        was_judged_before,
        -- repeats are counted among rows that passed the other checks only
        row_number() over (
            partition by activity_key, is_countable
            order by raw_row_number
        ) as repeat_rank
    from candidates

)

select
    mapped.raw_row_number,
    case
        when mapped.invalid_reason is not null or mapped.survivor_lead_id is null or ranked.repeat_rank > 1
            then mapped.raw_record
    end as raw_record,
    mapped.activity_key,
    mapped.activity_id,
    mapped.lead_id as source_lead_id,
    mapped.survivor_lead_id as lead_id,
    mapped.activity_type,
    mapped.occurred_at,
    mapped.url,
    mapped.campaign,
    mapped.channel,
    case
        when mapped.invalid_reason is not null then mapped.invalid_reason
        when mapped.survivor_lead_id is null then 'unknown_lead'
        when ranked.repeat_rank > 1 then 'duplicate'
    end as triage_reason,
    case
        when mapped.invalid_reason is not null then mapped.invalid_detail
        when mapped.survivor_lead_id is null then 'no valid lead with lead_id ' || mapped.lead_id
        when ranked.repeat_rank > 1 and mapped.activity_id is not null
            then 'activity_id ' || mapped.activity_id || ' seen before'
        when ranked.repeat_rank > 1 then 'exact repeat of an earlier row'
    end as triage_detail,
    {{ leadscore_run_started_at() }} as triaged_at
from mapped
inner join ranked
    on
        mapped.raw_row_number = ranked.raw_row_number
        and not ranked.was_judged_before
