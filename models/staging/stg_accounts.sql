{%- set custom_columns = leadscore_custom_attribute_columns('accounts') -%}

with base_accounts as (

    select * from {{ ref('base_accounts') }}

),

typed as (

    select
        raw_row_number,
        raw_record,
        {{ leadscore_clean_text('account_id') }} as account_id,
        {{ leadscore_clean_text('name') }} as account_name,
        {{ leadscore_clean_domain('domain') }} as domain,  -- noqa: RF04
        {{ leadscore_clean_text('industry') }} as industry,
        {{ leadscore_clean_text('country') }} as country,
        {{ leadscore_parse_number('employee_count') }} as employee_count,
        {{ leadscore_parse_number('annual_revenue') }} as annual_revenue,
        {%- for column in custom_columns %}
        {{ leadscore_clean_text(column) }} as {{ column }},
        {%- endfor %}
        {{ leadscore_data_quality_warnings([
            [leadscore_was_unusable('employee_count', leadscore_parse_number('employee_count')), 'invalid_number:employee_count'],
            [leadscore_was_unusable('annual_revenue', leadscore_parse_number('annual_revenue')), 'invalid_number:annual_revenue'],
        ]) }} as data_quality_warnings
    from base_accounts

)

select
    raw_row_number,
    raw_record,
    account_id,
    account_name,
    domain,  -- noqa: RF04
    industry,
    country,
    employee_count,
    annual_revenue,
    {%- for column in custom_columns %}
    {{ column }},
    {%- endfor %}
    case when account_id is null then 'missing_key' end as invalid_reason,
    case when account_id is null then 'account_id is empty' end as invalid_detail,
    data_quality_warnings
from typed
