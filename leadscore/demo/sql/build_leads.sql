-- Leads: one row per original lead with its persona and latent fit/engagement (lead_latent),
-- plus the per-lead draws deciding which dirty overlay/extra rows it gets (lead_out).

-- fit: the SENIORITY + INDUSTRY + SIZE + EMAIL terms of the true model, minus the student term
create macro lead_fit(level, is_target, size_band, is_freemail) as
    $seniority_coef[level + 1]
    + case when is_target then $target_industry_coef else 0.0 end
    + $size_coef[size_band + 1]
    + case when is_freemail then 0.0 else $business_email_coef end
    + case when level = 0 then $student_coef else 0.0 end;

create table lead_latent as
with draw as (
    select
        i as lead_idx,
        least($accounts, 1 + floor($accounts * pow(u(i, 'lead-account'), 1.5)))::bigint
            as account_idx,
        pick($seniority_level_draw, u(i, 'lead-level')) as level,
        floor(u(i, 'lead-title') * 1000)::bigint as title_draw,
        u(i, 'lead-freemail') < $freemail_share as is_freemail,
        pick($first_names, u(i, 'lead-first')) as first_name,
        pick($last_names, u(i, 'lead-last')) as last_name,
        floor(u(i, 'lead-email-pattern') * 10)::int as email_pattern,
        pick($freemail_domain_draw, u(i, 'lead-freemail-domain')) as freemail_domain,
        case when u(i, 'lead-freemail-digits') < 0.5
            then (100 + h(i, 'lead-freemail-digits-value') % 900)::varchar
            else '' end as freemail_digits,
        $lead_window_start
            + seconds(floor(u(i, 'lead-day') * $lead_window_days) * 86400
                      + 21600 + floor(u(i, 'lead-time-of-day') * 57600)) as created_at,
        u(i, 'lead-updated') as updated_draw,
        pick($lead_source_draw, u(i, 'lead-source')) as lead_source,
        u(i, 'lead-city') as city_draw,
        u(i, 'lead-phone') < 0.88 as has_phone,
        h(i, 'lead-phone-number') as phone_hash,
        u(i, 'lead-company-typed') < 0.85 as typed_company,
        u(i, 'lead-enriched') < 0.5 as freemail_enriched,
        gauss(i, 'lead-engagement') as engagement_noise,
        gauss(i, 'lead-time-on-site') as time_on_site_noise,
        u(i, 'lead-time-on-site-shape') as time_on_site_shape,
        u(i, 'lead-dormant') < $dormant_share as is_dormant,
        u(i, 'lead-unsubscriber') < $unsubscriber_share as is_unsubscriber,
        u(i, 'lead-bouncer') < $bouncer_share as is_bouncer,
        u(i, 'lead-job-seeker') < $job_seeker_share as is_job_seeker,
        case when u(i, 'lead-interest') < 0.65
            then pick($product_interest_draw, u(i, 'lead-interest-kind'))
            end as product_interest,
        u(i, 'lead-dne') as dne_draw,
        u(i, 'lead-dnc') < 0.08 as do_not_call,
        floor(u(i, 'lead-bool-style') * $boolean_spelling_count)::int as bool_style
    from range(1, $leads + 1) t(i)
),
persona as (
    select
        d.*,
        $job_titles[level + 1][1 + title_draw % len($job_titles[level + 1])] as job_title,
        a.name as account_name,
        a.domain as account_domain,
        a.industry,
        a.country,
        a.size_band,
        a.employee_count,
        a.annual_revenue,
        i.is_target,
        c.dial_code,
        pick(c.cities, city_draw) as city,
        regexp_replace(lower(first_name), '[^a-z]', '', 'g') as first_key,
        regexp_replace(lower(last_name), '[^a-z]', '', 'g') as last_key,
        greatest(3600, date_diff('second', created_at, $horizon)) as span_s
    from draw d
    join account a using (account_idx)
    join industry_dim i on i.industry = a.industry
    join country_dim c on c.country = a.country
),
latent as (
    select
        *,
        lead_fit(level, is_target, size_band, is_freemail) as fit,
        least($engagement_cap,
              0.5 * (lead_fit(level, is_target, size_band, is_freemail) - $fit_centre)
              + engagement_noise) as engagement,
        case
            when email_pattern < 7 then first_key || '.' || last_key
            when email_pattern < 9 then left(first_key, 1) || '.' || last_key
            else first_key || last_key
        end
        || case when is_freemail then freemail_digits else '' end as email_local,
        case when is_freemail then freemail_domain else account_domain end as email_domain
    from persona
)
select
    *,
    email_local
        || case when email_rank > 1 then '.' || email_rank::varchar else '' end
        || '@' || email_domain as email,
    created_at + seconds(floor(updated_draw * span_s / 2)) as updated_at
from (
    select
        *,
        row_number() over (partition by email_local, email_domain order by lead_idx)
            as email_rank
    from latent
);

create table lead_out as
select
    *,
    u(lead_idx, 'dirty-dup-person') < $dirty_lead_dup_person
        and not u(lead_idx, 'dirty-bad-email') < $dirty_lead_bad_email as dirty_dup_person,
    u(lead_idx, 'dirty-repeat-id') < $dirty_lead_repeat_id as dirty_repeat_id,
    u(lead_idx, 'dirty-industry') < $dirty_lead_placeholder as dirty_industry,
    u(lead_idx, 'dirty-title') < $dirty_lead_placeholder as dirty_title,
    u(lead_idx, 'dirty-country') < $dirty_lead_placeholder as dirty_country,
    u(lead_idx, 'dirty-city') < $dirty_lead_placeholder as dirty_city,
    u(lead_idx, 'dirty-bad-email') < $dirty_lead_bad_email as dirty_email,
    u(lead_idx, 'dirty-bad-created') < $dirty_lead_bad_created as dirty_bad_created,
    u(lead_idx, 'dirty-future-created') < $dirty_lead_future_created as dirty_future_created,
    u(lead_idx, 'dirty-no-id') < $dirty_lead_no_id as dirty_no_id,
    u(lead_idx, 'dirty-employees') < $dirty_lead_bad_employees as dirty_employees
from lead_latent;
