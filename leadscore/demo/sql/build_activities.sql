-- Expand each lead's block of event numbers into timed, typed clean events: exactly the events
-- the true model uses.
--
-- Timing: each event picks one of the lead's 1-6 burst centres (burst 0 is the creation
-- moment) and lands up to $burst_width_seconds seconds after it, skewed towards the centre.
-- Type: a per-lead mix where the high-intent share scales with intent.
-- Enums keep the 50M-row event table and its sort small.
create type activity_type_t as enum $activity_types;
create type page_t as enum $pages;

create table activity_clean as
with event as (
    select
        p.*,
        unnest(range(p.start_e::bigint, p.end_e::bigint)) as e,
        least(5.0, greatest(0.2, exp(0.5 * (p.fit - $fit_centre) + 0.4 * p.engagement)))
            as intent,
        least(p.max_bursts, 1 + (p.end_e - p.start_e) // 8)::int as n_bursts
    from activity_plan p
    where p.end_e > p.start_e
),
placed as (
    select
        *,
        floor(u(e, 'activity-burst') * n_bursts)::int as burst,
        u(e, 'activity-type') as type_draw,
        u(e, 'activity-page') as page_draw,
        least($burst_width_seconds, span_s - 1) as burst_width,
        least(0.3, 0.04 * intent) as pricing_share,
        case when level = 0 then 0.35 when is_job_seeker then 0.3 else 0.01 end as careers_share
    from event
),
typed as (
    select
        e,
        lead_idx,
        burst,
        created_at + seconds(1 + floor(
            case when burst = 0 then 0.0 else u2(lead_idx, burst, 'activity-centre') end
                * (span_s - 1 - burst_width)
            + pow(u(e, 'activity-offset'), 2) * burst_width
        )) as event_at,
        case
            when type_draw < 0.003 * intent then 'demo_request'
            when type_draw < 0.005 * intent then 'meeting_booked'
            when type_draw < 0.020 * intent then 'form_submit'
            when type_draw < 0.020 * intent + 0.040 then 'content_download'
            when type_draw < 0.020 * intent + 0.065 then 'webinar_attended'
            when type_draw < 0.020 * intent + 0.065
                + case when is_unsubscriber then 0.04 else 0.0003 end then 'unsubscribe'
            when type_draw < 0.020 * intent + 0.065
                + case when is_unsubscriber then 0.04 else 0.0003 end
                + case when is_bouncer then 0.20 else 0.0005 end then 'email_bounce'
            when type_draw < 0.020 * intent + 0.155
                + case when is_unsubscriber then 0.04 else 0.0003 end
                + case when is_bouncer then 0.20 else 0.0005 end then 'email_click'
            when type_draw < 0.020 * intent + 0.515
                + case when is_unsubscriber then 0.04 else 0.0003 end
                + case when is_bouncer then 0.20 else 0.0005 end then 'page_view'
            else 'email_open'
        end as activity_type,
        case
            when page_draw < pricing_share then '/pricing'
            when page_draw < pricing_share + careers_share then '/careers'
            when page_draw < pricing_share + careers_share + 0.22 then
                case when product_interest is not null and u(e, 'activity-product') < 0.7
                    then '/product/' || lower(product_interest)
                    else pick(['/product/analytics', '/product/automation',
                               '/product/integrations'], u(e, 'activity-product-any'))
                end
            when page_draw < pricing_share + careers_share + 0.30
                then '/docs/' || pick($doc_slugs, u(e, 'activity-slug'))
            when page_draw < pricing_share + careers_share + 0.55
                then '/blog/' || pick($blog_slugs, u(e, 'activity-slug'))
            else '/'
        end as page
    from placed
)
select
    e,
    lead_idx,
    burst::utinyint as burst,
    event_at,
    activity_type::activity_type_t as activity_type,
    case when activity_type = 'page_view' then page end::page_t as page
from typed;
