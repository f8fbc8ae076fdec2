{#- Every staged lead row with its fate: kept (triage_reason null) or the reason it goes
    to quarantine. De-duplication, in this order:
    1. same lead_id: the row with the newest updated_at wins, then the newest created_at,
       then the later row in the input; the others are `duplicate`.
    2. same e-mail (trimmed, lower-cased) under several lead_ids: the lead created first
       survives (then the smallest lead_id), because the first record is the one sales has
       worked with; the others are `duplicate` and int_lead_ids_mapped sends their
       activities and outcomes to the survivor. -#}
with stg_leads as (

    select * from {{ ref('stg_leads') }}

),

valid_versions_ranked as (

    select
        *,
        row_number() over (
            partition by lead_id
            order by updated_at desc nulls last, created_at desc, raw_row_number desc
        ) as version_rank
    from stg_leads
    where invalid_reason is null

),

latest_versions as (

    select
        *,
        -- a lead without e-mail is its own partition
        first_value(lead_id) over (
            partition by coalesce('email:' || email, 'id:' || lead_id)
            order by created_at asc, lead_id asc
            rows between unbounded preceding and unbounded following
        ) as email_survivor_lead_id
    from valid_versions_ranked
    where version_rank = 1

),

survivor_by_lead_id as (

    select
        lead_id,
        email_survivor_lead_id as survivor_lead_id
    from latest_versions

),

triaged as (

    select
        stg_leads.*,
        case when stg_leads.invalid_reason is null then survivor_by_lead_id.survivor_lead_id end as survivor_lead_id,
        case
            when stg_leads.invalid_reason is not null then stg_leads.invalid_reason
            when latest_versions.raw_row_number is null then 'duplicate'
            when survivor_by_lead_id.survivor_lead_id != stg_leads.lead_id then 'duplicate'
        end as triage_reason,
        case
            when stg_leads.invalid_reason is not null then stg_leads.invalid_detail
            when latest_versions.raw_row_number is null
                then 'older version of lead ' || stg_leads.lead_id || ' (a newer row is kept)'
            when survivor_by_lead_id.survivor_lead_id != stg_leads.lead_id
                then 'same e-mail as lead ' || survivor_by_lead_id.survivor_lead_id || ', merged into it'
        end as triage_detail
    from stg_leads
    left join latest_versions
        on stg_leads.raw_row_number = latest_versions.raw_row_number
    -- a plain equi-join (a condition on stg_leads alone here would make it a nested loop)
    left join survivor_by_lead_id
        on stg_leads.lead_id = survivor_by_lead_id.lead_id

)

select
    raw_row_number,
    {{ leadscore_custom_attribute_list('leads') }}
    case when triage_reason is not null then raw_record end as raw_record,
    lead_id,
    survivor_lead_id,
    triage_reason,
    triage_detail,
    created_at,
    updated_at,
    -- personal data (e-mail, names, phone) is not stored past staging: only whether the
    -- lead has an address (restricted.lead_contacts holds the values, docs/personal-data.md)
    email is not null as has_email,
    email_domain,
    phone is not null as has_phone,
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
    do_not_call,
    data_quality_warnings
from triaged
