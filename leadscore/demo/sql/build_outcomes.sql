-- Evaluate the true outcome model as of outcome_start ($outcome_start) and draw each eligible
-- lead's outcome (see leadscore/demo/model.py for the model in words).

-- per lead, over its clean events before outcome_start: the engagement E in millionths (each
-- term w(type, url) * 0.5 ^ (age_days / half-life) rounded to 1e-6), the last event and the
-- negative signals
create table lead_signal as
select
    lead_idx,
    sum(round(1e6 * weight * pow(0.5, age_days / $engagement_half_life_days))::bigint) as e_micro,
    max(event_at) as last_activity_at,
    count_if(activity_type = 'unsubscribe') as unsubscribes,
    count_if(activity_type = 'email_bounce') as bounces,
    count_if(activity_type = 'page_view' and page = '/careers') as careers_views
from (
    select
        *,
        case
            when activity_type = 'page_view' and page = '/pricing' then $pricing_view_weight
            when activity_type = 'page_view' and page = '/careers' then $careers_view_weight
            else $activity_weights[activity_type::varchar]
        end as weight,
        date_diff('second', event_at, $outcome_start) / 86400.0 as age_days
    from activity_clean
    where event_at < $outcome_start
)
group by lead_idx;

create table outcome_truth as
with model as (
    select
        l.lead_idx,
        l.level,
        l.size_band,
        coalesce(s.e_micro, 0) / 1e6 as engagement_e,
        case when s.last_activity_at is null then $recency_cap_days
            else least($recency_cap_days,
                       date_diff('second', s.last_activity_at, $outcome_start) / 86400.0)
        end as recency_days,
        coalesce(s.unsubscribes, 0) as unsubscribes,
        coalesce(s.bounces, 0) as bounces,
        coalesce(s.careers_views, 0) as careers_views,
        $b0
        + $seniority_coef[l.level + 1]
        + case when l.is_target then $target_industry_coef else 0.0 end
        + $size_coef[l.size_band + 1]
        + case when l.is_freemail then 0.0 else $business_email_coef end as x_static
    from lead_latent l
    left join lead_signal s using (lead_idx)
    where l.created_at < $outcome_start
),
scored as (
    select
        *,
        x_static
        + $engagement_coef * ln(1 + engagement_e)
        + $recency_coef_per_30_days * recency_days / 30
        + case when unsubscribes > 0 then $unsubscribe_coef else 0.0 end
        + case when bounces > 0 then $bounce_coef else 0.0 end
        + $careers_coef_per_view * least(careers_views, $careers_view_cap)
        + case when level = 0 then $student_coef else 0.0 end as x
    from model
),
drawn as (
    select
        *,
        1 / (1 + exp(-x)) as p,
        u(lead_idx, 'outcome-convert') < 1 / (1 + exp(-x)) as converted
    from scored
)
select
    *,
    case
        when converted and u(lead_idx, 'outcome-won') < $won_share then 'won'
        when converted then 'converted'
        when u(lead_idx, 'outcome-lost') < case when engagement_e >= $lost_engaged_min_e
                then $lost_share_engaged else $lost_share_other end then 'lost'
    end as outcome,
    $outcome_start
        + seconds(floor(u(lead_idx, 'outcome-at') * $outcome_window_days * 86400))
        as outcome_at,
    round($size_band_acv[size_band + 1] * exp(0.5 * gauss(lead_idx, 'outcome-amount')), 2)
        ::decimal(14, 2) as won_amount
from drawn;
