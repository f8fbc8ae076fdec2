-- Each lead's integer activity weight: exp(1.3 z) times a tenure factor, 0 for dormant leads,
-- and the most bursts its activities may come in (1-6).
create table activity_weight as
select
    lead_idx,
    created_at,
    span_s,
    level,
    fit,
    engagement,
    product_interest,
    is_unsubscriber,
    is_bouncer,
    is_job_seeker,
    case when is_dormant then 0::bigint else round(
        1e6 * exp(1.3 * engagement) * pow((span_s / 86400.0 + 10) / 375.0, 0.7)
    )::bigint end as weight,
    least(6, 1 + floor(u(lead_idx, 'activity-bursts') * 6))::int as max_bursts
from lead_latent;
