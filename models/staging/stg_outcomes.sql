{{ leadscore_require_input_columns('outcomes') }}

with base_outcomes as (

    select * from {{ ref('base_outcomes') }}

),

stg_erasure_requests as (

    select * from {{ ref('stg_erasure_requests') }}

),

-- an erased lead's rows end here: nothing downstream sees them (docs/personal-data.md "Erasure")
not_erased as (

    select *
    from base_outcomes
    where not {{ leadscore_is_erased('base_outcomes.lead_id', 'stg_erasure_requests') }}

),

cleaned as (

    select
        raw_row_number,
        raw_record,
        {{ leadscore_clean_text('lead_id') }} as lead_id,
        {{ leadscore_clean_text('outcome') }} as outcome_text,
        {{ leadscore_clean_text('outcome_at') }} as outcome_at_text,
        {{ leadscore_clean_text('amount') }} as amount_text
    from not_erased

),

typed as (

    select
        *,
        {{ leadscore_clean_code('outcome_text') }} as outcome,
        {{ leadscore_parse_timestamp('outcome_at_text') }} as outcome_at,
        {{ leadscore_parse_number('amount_text') }} as amount
    from cleaned

)

select
    raw_row_number,
    raw_record,
    lead_id,
    outcome,
    outcome_at,
    amount,
    case
        when lead_id is null or outcome is null then 'missing_key'
        when outcome_at > {{ leadscore_future_cutoff() }} then 'future_timestamp'
    end as invalid_reason,
    case
        when lead_id is null then 'lead_id is empty'
        when outcome is null then 'outcome is empty'
        when outcome_at > {{ leadscore_future_cutoff() }} then 'outcome_at is in the future'
    end as invalid_detail,
    {{ leadscore_data_quality_warnings([
        ['outcome_at_text is not null and outcome_at is null', 'unparseable_timestamp:outcome_at'],
        ['amount_text is not null and amount is null', 'invalid_number:amount'],
    ]) }} as data_quality_warnings
from typed
