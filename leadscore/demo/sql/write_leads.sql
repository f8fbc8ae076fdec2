-- Render lead rows (originals + dirty extras) and COPY them ordered by row key.
--
-- Row keys: lead_idx * 8 original, +1 repeated lead_id with newer updated_at, +2 copy without
-- lead_id; same-person copies get new lead numbers after the originals and sort at the end.
create or replace macro lead_code(n) as 'L' || lpad(n::varchar, $lead_width, '0');

create or replace temp view lead_row as
with variants as (
    -- the original row of every lead
    select *, lead_idx * 8 as row_key, lead_code(lead_idx) as lead_id,
           job_title as shown_title, updated_at as shown_updated_at,
           lead_source as shown_source, email as shown_email,
           created_at as shown_created_at, false as is_copy
    from lead_out
    union all
    -- same lead_id again: new title of the same level, later updated_at
    select *, lead_idx * 8 + 1, lead_code(lead_idx),
           $job_titles[level + 1][
               1 + (title_draw + 1 + floor(u(lead_idx, 'dirty-repeat-title')
                    * (len($job_titles[level + 1]) - 1))::bigint) % len($job_titles[level + 1])
           ],
           updated_at + seconds(1 + floor(u(lead_idx, 'dirty-repeat-updated')
                * (date_diff('second', updated_at, $horizon) - 1))),
           lead_source, email, created_at, false
    from lead_out
    where dirty_repeat_id
    union all
    -- a copy of the row that lost its lead_id
    select *, lead_idx * 8 + 2, null,
           job_title, updated_at, lead_source, email, created_at, false
    from lead_out
    where dirty_no_id
    union all
    -- the same person again under a new lead_id, created later
    select * exclude (dup_rank, copy_created_at, copy_source, copy_email),
           ($leads + dup_rank) * 8, lead_code($leads + dup_rank),
           job_title, copy_created_at, copy_source, copy_email, copy_created_at, true
    from (
        select
            *,
            row_number() over (order by lead_idx) as dup_rank,
            created_at + seconds(60 + floor(u(lead_idx, 'dirty-dup-created')
                * (span_s - 120))) as copy_created_at,
            pick($lead_source_draw, u(lead_idx, 'dirty-dup-source')) as copy_source,
            case floor(u(lead_idx, 'dirty-dup-email') * 3)::int
                when 0 then upper(email)
                when 1 then '  ' || email || ' '
                else ' ' || upper(left(email, 1))
                     || substr(email, 2, strpos(email, '@') - 1)
                     || upper(email_domain[1]) || email_domain[2:] || '  '
            end as copy_email
        from lead_out
        where dirty_dup_person
    )
)
select
    row_key,
    lead_id,
    case
        when dirty_bad_created and not is_copy
            then pick($bad_timestamps, u(lead_idx, 'dirty-bad-created-kind'))
        when dirty_future_created and not is_copy
            then ts_text(make_timestamp(2099, month(created_at),
                                        least(day(created_at), 28), hour(created_at),
                                        minute(created_at), second(created_at)))
        else ts_text(shown_created_at)
    end as created_at,
    ts_text(shown_updated_at) as updated_at,
    case
        when dirty_email and not is_copy then
            case floor(u(lead_idx, 'dirty-bad-email-kind') * 3)::int
                when 0 then email_local || '@'
                when 1 then email_local || ' at ' || email_domain
                else '@' || email_domain
            end
        else shown_email
    end as email,
    first_name,
    last_name,
    case when has_phone and not is_copy then
        dial_code || ' ' || lpad((phone_hash % 1000)::varchar, 3, '0') || ' '
        || lpad(((phone_hash // 1000) % 10000000)::varchar, 7, '0')
    end as phone,
    case when not is_freemail or typed_company then account_name end as company,
    case when dirty_title
        then pick($placeholders, u(lead_idx, 'dirty-title-kind'))
        else shown_title end as job_title,
    case when dirty_industry
        then pick($placeholders, u(lead_idx, 'dirty-industry-kind'))
        else industry end as industry,
    case when dirty_country
        then pick($placeholders, u(lead_idx, 'dirty-country-kind'))
        else country end as country,
    case when dirty_city
        then pick($placeholders, u(lead_idx, 'dirty-city-kind'))
        else city end as city,
    shown_source as lead_source,
    case when not is_freemail
        then 'A' || lpad(account_idx::varchar, $account_width, '0') end as account_id,
    case
        when dirty_employees and employee_count >= 1000
            then format('{:,}', employee_count)
        when dirty_employees then 'abc'
        when not is_freemail or freemail_enriched then employee_count::varchar
    end as employee_count,
    case when not is_freemail or freemail_enriched then annual_revenue end
        as annual_revenue,
    $boolean_spellings[bool_style + 1][
        case when (is_unsubscriber and dne_draw < 0.7) or dne_draw < 0.02 then 1 else 2 end
    ] as do_not_email,
    $boolean_spellings[bool_style + 1][case when do_not_call then 1 else 2 end] as do_not_call,
    case
        when time_on_site_shape < 0.1 then null
        when is_dormant then '0'
        when time_on_site_shape < 0.35
            then round(exp(1.5 + 0.8 * engagement + 0.4 * time_on_site_noise), 1)::varchar
        else round(exp(1.5 + 0.8 * engagement + 0.4 * time_on_site_noise))::bigint::varchar
    end as "Total Time Spent on Website",
    product_interest as "Product Interest"
from variants;

copy (
    select * exclude (row_key) from lead_row order by row_key
) to $path ($copy_options);
