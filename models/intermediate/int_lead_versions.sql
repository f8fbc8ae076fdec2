{#- Every valid version of every surviving lead: the kept row and the older rows of the
    same lead_id (not leads merged by e-mail). Scoring as of a past date picks the version
    that was current then, so a profile change made later does not leak into the past. -#}
with int_leads_triaged as (

    select * from {{ ref('int_leads_triaged') }}

)

select
    raw_row_number,
    {{ leadscore_custom_attribute_list('leads') }}
    lead_id,
    triage_reason is null as is_latest_version,
    created_at,
    updated_at,
    has_email,
    email_domain,
    has_phone,
    company,
    job_title,
    industry,
    country,
    city,
    lead_source,
    account_id,
    employee_count,
    annual_revenue,
    do_not_email,
    do_not_call
from int_leads_triaged
where
    survivor_lead_id = lead_id
    and (triage_reason is null or triage_reason = 'duplicate')
