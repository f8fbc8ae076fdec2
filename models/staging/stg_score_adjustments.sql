{#- Score adjustments typed and cleaned, one row per raw row (docs/input-data.md
    "score_adjustments"): mode and dimension as lower-case codes, points as a number, the
    times parsed to UTC. A row that cannot be used says why in invalid_reason. -#}
{{ leadscore_require_input_columns('score_adjustments') }}

with base_score_adjustments as (

    select * from {{ ref('base_score_adjustments') }}

),

stg_erasure_requests as (

    select * from {{ ref('stg_erasure_requests') }}

),

-- an erased lead's rows end here: nothing downstream sees them (docs/personal-data.md "Erasure")
not_erased as (

    select *
    from base_score_adjustments
    where not {{ leadscore_is_erased('base_score_adjustments.lead_id', 'stg_erasure_requests') }}

),

cleaned as (

    select
        raw_row_number,
        raw_record,
        {{ leadscore_clean_text('adjustment_id') }} as adjustment_id,
        {{ leadscore_clean_text('lead_id') }} as lead_id,
        {{ leadscore_clean_text('effective_at') }} as effective_at_text,
        {{ leadscore_clean_text('expires_at') }} as expires_at_text,
        {{ leadscore_clean_text('mode') }} as mode_text,
        {{ leadscore_clean_text('dimension') }} as dimension_text,
        {{ leadscore_clean_text('points') }} as points_text,
        {{ leadscore_clean_text('reason') }} as reason
    from not_erased

),

typed as (

    select
        *,
        {{ leadscore_parse_timestamp('effective_at_text') }} as effective_at,
        {{ leadscore_parse_timestamp('expires_at_text') }} as expires_at,
        {{ leadscore_clean_code('mode_text') }} as mode,  -- noqa: RF04
        {{ leadscore_clean_code('dimension_text') }} as dimension,
        {{ leadscore_parse_number('points_text') }} as points
    from cleaned

)

select
    raw_row_number,
    raw_record,
    adjustment_id,
    lead_id,
    effective_at,
    expires_at,
    mode,
    dimension,
    points,
    reason,
    case
        when adjustment_id is null or lead_id is null then 'missing_key'
        when effective_at is null or (expires_at_text is not null and expires_at is null)
            then 'unparseable_timestamp'
        when
            mode is null or mode not in ('add', 'set')
            or dimension is null or dimension not in ('fit', 'engagement', 'negative')
            or points is null
            then 'invalid_value'
        when expires_at <= effective_at then 'invalid_period'
    end as invalid_reason,
    case
        when adjustment_id is null then 'adjustment_id is empty'
        when lead_id is null then 'lead_id is empty'
        when effective_at_text is null then 'effective_at is empty'
        when effective_at is null then 'effective_at is not a timestamp'
        when expires_at_text is not null and expires_at is null then 'expires_at is not a timestamp'
        when mode is null then 'mode is empty (add or set)'
        when mode not in ('add', 'set') then 'mode ' || mode || ' is not add or set'
        when dimension is null then 'dimension is empty (fit, engagement or negative)'
        when dimension not in ('fit', 'engagement', 'negative')
            then 'dimension ' || dimension || ' is not fit, engagement or negative'
        when points_text is null then 'points is empty'
        when points is null then 'points ' || points_text || ' is not a number'
        when expires_at <= effective_at then 'expires_at is not after effective_at'
    end as invalid_detail
from typed
