with int_leads_triaged as (

    select * from {{ ref('int_leads_triaged') }}

),

-- Consent follows the most restrictive value seen for the person: an opt-out on any
-- merged row (an older version or a duplicate by e-mail) is kept on the survivor.
merged_consent as (

    select
        survivor_lead_id as lead_id,
        {{ dbt.bool_or('do_not_email') }} as has_any_do_not_email,
        {{ dbt.bool_or('do_not_call') }} as has_any_do_not_call
    from int_leads_triaged
    where survivor_lead_id is not null
    group by survivor_lead_id

),

kept as (

    select * from int_leads_triaged
    where triage_reason is null

)

select
    {{ leadscore_custom_attribute_list('leads', 'kept.') }}
    kept.lead_id,
    kept.created_at,
    kept.updated_at,
    kept.raw_row_number,
    kept.has_email,
    kept.email_domain,
    kept.has_phone,
    kept.company,
    kept.job_title,
    kept.industry,
    kept.country,
    kept.city,
    kept.lead_source,
    kept.account_id,
    kept.employee_count,
    kept.annual_revenue,
    coalesce(merged_consent.has_any_do_not_email, kept.do_not_email) as do_not_email,
    coalesce(merged_consent.has_any_do_not_call, kept.do_not_call) as do_not_call,
    kept.data_quality_warnings
from kept
left join merged_consent
    on kept.lead_id = merged_consent.lead_id
