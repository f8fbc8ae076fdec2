-- COPY the outcome rows plus outcomes of unknown leads, ordered by lead.
copy (
    select lead_id, outcome, outcome_at, amount
    from (
        select
            lead_idx * 2 as row_key,
            'L' || lpad(lead_idx::varchar, $lead_width, '0') as lead_id,
            outcome,
            ts_text(outcome_at) as outcome_at,
            case when outcome = 'won' then won_amount end as amount
        from outcome_truth
        where outcome is not null
        union all
        select
            lead_idx * 2 + 1,
            'LX' || lpad(lead_idx::varchar, $unknown_lead_width, '0'),
            pick(['converted', 'won', 'lost', 'lost'], u(lead_idx, 'dirty-outcome-kind')),
            ts_text(outcome_at),
            null
        from outcome_truth
        where u(lead_idx, 'dirty-outcome-unknown-lead') < $dirty_outcome_unknown_lead
    )
    order by row_key
) to $path ($copy_options);
