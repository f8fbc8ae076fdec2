with int_accounts_triaged as (

    select * from {{ ref('int_accounts_triaged') }}

)

select
    {{ leadscore_custom_attribute_list('accounts') }}
    account_id,
    account_name,
    account_domain,
    industry,
    country,
    employee_count,
    annual_revenue,
    data_quality_warnings
from int_accounts_triaged
where triage_reason is null
