{{ leadscore_require_input_columns('activities') }}

with base_activities as (

    select * from {{ ref('base_activities') }}

),

stg_erasure_requests as (

    select * from {{ ref('stg_erasure_requests') }}

),

-- an erased lead's rows end here: nothing downstream sees them (docs/personal-data.md "Erasure")
not_erased as (

    select *
    from base_activities
    where not {{ leadscore_is_erased('base_activities.lead_id', 'stg_erasure_requests') }}

),

cleaned as (

    select
        raw_row_number,
        delivery_file,
        loaded_at,
        raw_record,
        {{ leadscore_clean_text('activity_id') }} as activity_id,
        {{ leadscore_clean_text('lead_id') }} as lead_id,
        {{ leadscore_clean_text('activity_type') }} as activity_type_text,
        {{ leadscore_clean_text('occurred_at') }} as occurred_at_text,
        {{ leadscore_clean_text('url') }} as url,
        {{ leadscore_clean_text('campaign') }} as campaign,
        {{ leadscore_clean_text('channel') }} as channel_text
    from not_erased

)

select
    raw_row_number,
    delivery_file,
    loaded_at,
    -- what tells a row of a table with load times from every other (the event store
    -- recognises the rows it judged already when a later run reads them again)
    case when loaded_at is not null then {{ dbt.hash('raw_record') }} end as raw_row_hash,
    raw_record,
    activity_id,
    lead_id,
    activity_type,
    occurred_at,
    url,
    campaign,
    channel,
    case
        when lead_id is null or activity_type is null then 'missing_key'
        when occurred_at is null then 'unparseable_timestamp'
        when occurred_at > {{ leadscore_future_cutoff() }} then 'future_timestamp'
    end as invalid_reason,
    case
        when lead_id is null then 'lead_id is empty'
        when activity_type is null then 'activity_type is empty'
        when occurred_at_text is null then 'occurred_at is empty'
        when occurred_at is null then 'occurred_at is not a timestamp'
        when occurred_at > {{ leadscore_future_cutoff() }} then 'occurred_at is in the future'
    end as invalid_detail
-- the typed values in a subquery behind a fence (and the cleaned ones, which the parses read
-- several times): on Postgres each is then computed once per row, not at every mention
-- (leadscore_evaluate_once_fence), and a row count computes none
from (

    select *{{ leadscore_evaluate_once_fence('typed') }}
    from (

        select
            *,
            {{ leadscore_clean_code('activity_type_text') }} as activity_type,
            {{ leadscore_parse_timestamp('occurred_at_text') }} as occurred_at,
            {{ leadscore_clean_code('channel_text') }} as channel
        from (
            select *{{ leadscore_evaluate_once_fence('cleaned') }}
            from cleaned
        ) as cleaned_once

    ) as parsed

) as typed
