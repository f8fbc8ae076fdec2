-- COPY the reps' ratings (feedback_clean) with a reason and the rep's pseudonymous id, now and
-- then typed as a label ("Good fit") instead of the code, plus dirty rows: the same rating
-- sent twice, a rating outside the list, a lead that does not exist. Ordered by lead.
copy (
    select lead_id, feedback_at, rating, reason, author_id
    from (
        select
            lead_idx * 4 as row_key,
            'L' || lpad(lead_idx::varchar, $lead_width, '0') as lead_id,
            ts_text(feedback_at) as feedback_at,
            case when u(lead_idx, 'feedback-label') < 0.1
                then upper(rating[1]) || replace(rating[2:], '_', ' ') else rating end as rating,
            case
                when u(lead_idx, 'feedback-reason-empty') < 0.3 then null
                when rating = 'good_fit' then pick(['budget confirmed', 'right team size', 'active project',
                    'decision maker on the call'], u(lead_idx, 'feedback-reason'))
                when rating = 'bad_fit' then pick(['too small', 'wrong industry', 'no budget', 'student'],
                    u(lead_idx, 'feedback-reason'))
                when rating = 'not_ready' then pick(['next quarter', 'evaluating later',
                    'contract runs until next year'], u(lead_idx, 'feedback-reason'))
                when rating = 'spam' then 'fake contact details'
                else 'see CRM notes'
            end as reason,
            'rep' || lpad((1 + floor(u(lead_idx, 'feedback-rep') * $feedback_reps))::bigint::varchar, 2, '0') as author_id
        from feedback_clean

        union all

        -- the same row delivered twice (an exact repeat: a row without reason or label)
        select
            lead_idx * 4 + 1,
            'L' || lpad(lead_idx::varchar, $lead_width, '0'),
            ts_text(feedback_at),
            rating,
            null,
            'rep' || lpad((1 + floor(u(lead_idx, 'feedback-rep') * $feedback_reps))::bigint::varchar, 2, '0')
        from feedback_clean
        where u(lead_idx, 'feedback-repeat') < 0.05 and u(lead_idx, 'feedback-reason-empty') < 0.3
            and u(lead_idx, 'feedback-label') >= 0.1

        union all

        -- a rating outside the list
        select
            lead_idx * 4 + 3,
            'L' || lpad(lead_idx::varchar, $lead_width, '0'),
            ts_text(feedback_at + interval 1 day),
            'maybe later',
            null,
            'rep01'
        from feedback_clean
        where u(lead_idx, 'feedback-unknown-rating') < 0.01

        union all

        select
            lead_idx * 4 + 2,
            'LX' || lpad(lead_idx::varchar, $unknown_lead_width, '0'),
            ts_text(feedback_at),
            'bad_fit',
            null,
            'rep02'
        from feedback_clean
        where u(lead_idx, 'feedback-unknown-lead') < 0.01
    )
    order by row_key
) to $path ($copy_options);
