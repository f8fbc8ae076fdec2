with base_outcomes as (

    select * from {{ ref('base_outcomes') }}

),

typed as (

    select
        raw_row_number,
        raw_record,
        {{ leadscore_clean_text('lead_id') }} as lead_id,
        {{ leadscore_clean_code('outcome') }} as outcome,
        {{ leadscore_parse_timestamp('outcome_at') }} as outcome_at,
        {{ leadscore_parse_number('amount') }} as amount,
        {{ leadscore_data_quality_warnings([
            [leadscore_was_unusable('outcome_at', leadscore_parse_timestamp('outcome_at')), 'unparseable_timestamp:outcome_at'],
            [leadscore_was_unusable('amount', leadscore_parse_number('amount')), 'invalid_number:amount'],
        ]) }} as data_quality_warnings
    from base_outcomes

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
    data_quality_warnings
from typed
