{{ leadscore_require_input_columns('accounts') }}

with base_accounts as (

    select * from {{ ref('base_accounts') }}

),

cleaned as (

    select
        raw_row_number,
        raw_record,
        {{ leadscore_custom_attribute_list('accounts', clean=true) }}
        {{ leadscore_clean_text('account_id') }} as account_id,
        {{ leadscore_clean_text('name') }} as account_name,
        {{ leadscore_clean_text('domain') }} as domain_text,
        {{ leadscore_clean_text('industry') }} as industry,
        {{ leadscore_clean_text('country') }} as country,
        {{ leadscore_clean_text('employee_count') }} as employee_count_text,
        {{ leadscore_clean_text('annual_revenue') }} as annual_revenue_text
    from base_accounts

),

typed as (

    select
        *,
        {{ leadscore_clean_domain('domain_text') }} as account_domain,
        {{ leadscore_parse_number('employee_count_text') }} as employee_count,
        {{ leadscore_parse_number('annual_revenue_text') }} as annual_revenue
    from cleaned

)

select
    raw_row_number,
    raw_record,
    {{ leadscore_custom_attribute_list('accounts') }}
    account_id,
    account_name,
    account_domain,
    industry,
    country,
    employee_count,
    annual_revenue,
    case when account_id is null then 'missing_key' end as invalid_reason,
    case when account_id is null then 'account_id is empty' end as invalid_detail,
    {{ leadscore_data_quality_warnings([
        ['employee_count_text is not null and employee_count is null', 'invalid_number:employee_count'],
        ['annual_revenue_text is not null and annual_revenue is null', 'invalid_number:annual_revenue'],
    ]) }} as data_quality_warnings
from typed
