-- The reps' ratings (the optional input sales_feedback): one for a share of the leads created
-- before outcome_start, within feedback_window_days of the lead coming in and before
-- outcome_start, following the lead's true conversion probability p (outcome_truth: p >= 0.12,
-- the top quarter, mostly good_fit; p < 0.03, the bottom half, mostly bad_fit or not_ready),
-- a share of them spam.
create table feedback_clean as
select
    lead_idx,
    least(
        created_at + seconds(3600 + floor(u(lead_idx, 'feedback-at') * $feedback_window_days * 86400)),
        $outcome_start - interval 1 hour
    ) as feedback_at,
    case
        when u(lead_idx, 'feedback-spam') < $feedback_spam_share then 'spam'
        when p >= 0.12 then pick(['good_fit', 'good_fit', 'good_fit', 'good_fit', 'good_fit', 'good_fit',
            'good_fit', 'not_ready', 'not_ready', 'bad_fit'], u(lead_idx, 'feedback-rating'))
        when p >= 0.03 then pick(['good_fit', 'good_fit', 'good_fit', 'not_ready', 'not_ready', 'not_ready',
            'not_ready', 'bad_fit', 'bad_fit', 'bad_fit'], u(lead_idx, 'feedback-rating'))
        else pick(['good_fit', 'not_ready', 'not_ready', 'not_ready', 'bad_fit', 'bad_fit', 'bad_fit',
            'bad_fit', 'bad_fit', 'bad_fit', 'bad_fit', 'other'], u(lead_idx, 'feedback-rating'))
    end as rating
from outcome_truth
inner join lead_latent using (lead_idx)
where u(lead_idx, 'feedback-pick') < $feedback_share;
