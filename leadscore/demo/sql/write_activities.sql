-- COPY clean events plus dirty rows, ordered by row_key = e * 8 + variant.
--
-- Variants: 0 the clean event, 1 its exact repeat (duplicates and every event whose
-- activity_id is empty), 2-5 the extra rows of activity_extra.  Only the narrow event columns
-- are sorted; text is rendered after the sort.  url, campaign and channel are pure functions
-- of the event.

-- campaign prefix of an event: 2026-q2
create or replace macro campaign_quarter(ts) as strftime(ts, '%Y') || '-q' || quarter(ts)::varchar;

copy (
    select
        case
            when variant >= 2 then 'E' || lpad(extra_number::varchar, $activity_width, '0')
            when u(e, 'dirty-activity-no-id') < $dirty_activity_no_id then null
            else 'E' || lpad((e + 1)::varchar, $activity_width, '0')
        end as activity_id,
        case variant
            when 4 then
                case when u(e, 'dirty-activity-unknown-kind') < 0.3
                    then 'L' || repeat('9', $lead_width)
                    else 'LX' || lpad((e % 1000000)::varchar, $unknown_lead_width, '0')
                end
            when 5 then null
            else 'L' || lpad(lead_idx::varchar, $lead_width, '0')
        end as lead_id,
        activity_type::varchar as activity_type,
        case variant
            when 2 then pick($bad_timestamps, u(e, 'dirty-activity-bad-ts-kind'))
            when 3 then ts_text(make_timestamp(2099, month(event_at), least(day(event_at), 28),
                                               hour(event_at), minute(event_at),
                                               second(event_at)))
            else ts_text(event_at)
        end as occurred_at,
        case activity_type
            when 'page_view' then page::varchar
            when 'email_click'
                then pick(['/blog/lead-scoring-101', '/webinars/automation-live',
                           '/resources/buyers-guide.pdf', '/product/analytics', '/'],
                          u(e, 'activity-url'))
            when 'content_download'
                then '/resources/' || pick($resource_slugs, u(e, 'activity-url')) || '.pdf'
            when 'webinar_attended'
                then '/webinars/' || pick($webinar_slugs, u(e, 'activity-url'))
            when 'form_submit'
                then pick(['/contact', '/newsletter', '/resources/gated', '/trial'],
                          u(e, 'activity-url'))
            when 'demo_request' then '/demo'
            when 'meeting_booked' then '/meetings/sales'
            when 'unsubscribe' then '/preferences/unsubscribe'
        end as url,
        case
            when activity_type in ('email_open', 'email_click', 'email_bounce', 'unsubscribe')
                then campaign_quarter(event_at) || '-'
                     || pick($email_themes, u2(lead_idx, burst, 'activity-campaign'))
            when activity_type = 'webinar_attended' then campaign_quarter(event_at) || '-webinar-series'
            when activity_type = 'content_download'
                then campaign_quarter(event_at) || '-'
                     || pick(['ebook-promo', 'content-syndication', 'report-launch'],
                             u(e, 'activity-campaign'))
            when activity_type = 'page_view' and u(e, 'activity-campaign') < 0.25
                then campaign_quarter(event_at) || '-'
                     || pick(['paid-search', 'linkedin-ads', 'retargeting'], u(e, 'activity-campaign-kind'))
            when activity_type = 'form_submit' and u(e, 'activity-campaign') < 0.1
                then campaign_quarter(event_at) || '-trade-show'
        end as campaign,
        case
            when activity_type in ('email_open', 'email_click', 'email_bounce', 'unsubscribe')
                then 'email'
            when activity_type = 'webinar_attended' then 'event'
            when campaign like '%-linkedin-ads' then 'social'
            when campaign like '%-paid-search' or campaign like '%-retargeting'
                or campaign like '%-content-syndication' then 'paid'
            when campaign like '%-trade-show' then 'event'
            when activity_type = 'content_download' and u(e, 'activity-channel') < 0.2 then 'social'
            else 'web'
        end as channel
    from (
        select row_key % 8 as variant, *
        from (
            select e * 8 as row_key, *, null::bigint as extra_number from activity_clean
            union all
            select e * 8 + 1, *, null::bigint from activity_clean
            where u(e, 'dirty-activity-no-id') < $dirty_activity_no_id
                or u(e, 'dirty-activity-duplicate') < $dirty_activity_duplicate
            union all
            select * from activity_extra
        )
        order by row_key
    )
) to $path ($copy_options);
