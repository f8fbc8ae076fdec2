{#- Every value a rule or segment condition can name, long: (lead_id, field_name,
    field_value, field_number) for the leads as of as_of. Fields are the lead's contract
    fields, its custom attributes, and its account's fields as account_<name> (custom
    account attributes included). A lead without a value has no row, which is how
    `missing` is told apart from every other operator. -#}
with int_leads_as_of as (

    select * from {{ ref('int_leads_as_of') }}

),

int_leads_deduplicated as (

    select * from {{ ref('int_leads_deduplicated') }}

),

int_accounts_deduplicated as (

    select * from {{ ref('int_accounts_deduplicated') }}

),

int_lead_attributes_unpivoted as (

    select * from {{ ref('int_lead_attributes_unpivoted') }}

),

int_account_attributes_unpivoted as (

    select * from {{ ref('int_account_attributes_unpivoted') }}

),

int_conditions_listed as (

    select * from {{ ref('int_conditions_listed') }}

),

lead_fields_as_text as (

    select
        int_leads_deduplicated.lead_id,
        int_leads_deduplicated.email,
        int_leads_deduplicated.email_domain,
        int_leads_deduplicated.first_name,
        int_leads_deduplicated.last_name,
        int_leads_deduplicated.phone,
        int_leads_deduplicated.company,
        int_leads_deduplicated.job_title,
        int_leads_deduplicated.industry,
        int_leads_deduplicated.country,
        int_leads_deduplicated.city,
        int_leads_deduplicated.lead_source,
        int_leads_deduplicated.account_id,
        cast(int_leads_deduplicated.employee_count as {{ dbt.type_string() }}) as employee_count,
        cast(int_leads_deduplicated.annual_revenue as {{ dbt.type_string() }}) as annual_revenue,
        case
            when int_leads_deduplicated.do_not_email then 'true'
            when not int_leads_deduplicated.do_not_email then 'false'
        end as do_not_email,
        case
            when int_leads_deduplicated.do_not_call then 'true'
            when not int_leads_deduplicated.do_not_call then 'false'
        end as do_not_call,
        int_accounts_deduplicated.account_name,
        int_accounts_deduplicated.account_domain,
        int_accounts_deduplicated.industry as account_industry,
        int_accounts_deduplicated.country as account_country,
        cast(int_accounts_deduplicated.employee_count as {{ dbt.type_string() }}) as account_employee_count,
        cast(int_accounts_deduplicated.annual_revenue as {{ dbt.type_string() }}) as account_annual_revenue
    from int_leads_deduplicated
    inner join int_leads_as_of
        on int_leads_deduplicated.lead_id = int_leads_as_of.lead_id
    left join int_accounts_deduplicated
        on int_leads_deduplicated.account_id = int_accounts_deduplicated.account_id

),

contract_fields as (

    {{ leadscore_unpivot('lead_fields_as_text', 'lead_id', [
        'email', 'email_domain', 'first_name', 'last_name', 'phone', 'company', 'job_title',
        'industry', 'country', 'city', 'lead_source', 'account_id', 'employee_count',
        'annual_revenue', 'do_not_email', 'do_not_call', 'account_name', 'account_domain',
        'account_industry', 'account_country', 'account_employee_count', 'account_annual_revenue'
    ]) }}

),

custom_lead_fields as (

    select
        int_lead_attributes_unpivoted.lead_id,
        int_lead_attributes_unpivoted.attribute_name,
        int_lead_attributes_unpivoted.attribute_value
    from int_lead_attributes_unpivoted
    inner join int_leads_as_of
        on int_lead_attributes_unpivoted.lead_id = int_leads_as_of.lead_id

),

custom_account_fields as (

    select
        int_leads_as_of.lead_id,
        'account_' || int_account_attributes_unpivoted.attribute_name as attribute_name,
        int_account_attributes_unpivoted.attribute_value
    from int_account_attributes_unpivoted
    inner join int_leads_as_of
        on int_account_attributes_unpivoted.account_id = int_leads_as_of.account_id

),

all_fields as (

    select
        lead_id,
        attribute_name,
        attribute_value
    from contract_fields
    union all
    select
        lead_id,
        attribute_name,
        attribute_value
    from custom_lead_fields
    union all
    select
        lead_id,
        attribute_name,
        attribute_value
    from custom_account_fields

)

select
    lead_id,
    attribute_name as field_name,
    attribute_value as field_value,
    {{ leadscore_parse_number('attribute_value') }} as field_number
from all_fields
where
    attribute_value is not null
    -- only the fields some rule or segment names are kept (a join on data, not SQL text)
    and attribute_name in (select distinct int_conditions_listed.field from int_conditions_listed)
