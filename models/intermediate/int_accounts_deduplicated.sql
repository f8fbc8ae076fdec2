{%- set custom_columns = leadscore_custom_attribute_columns('accounts') -%}

with int_accounts_triaged as (

    select * from {{ ref('int_accounts_triaged') }}

)

select
    account_id,
    account_name,
    domain,
    industry,
    country,
    employee_count,
    annual_revenue,
    {%- for column in custom_columns %}
    {{ column }},
    {%- endfor %}
    data_quality_warnings
from int_accounts_triaged
where triage_reason is null
