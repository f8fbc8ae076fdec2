{#- Every value a rule or segment condition can name, long: (lead_id, field_name,
    field_value, field_number) for the leads as of as_of. Fields are the lead's contract
    fields, the two derived from its job_title (job_seniority and job_function, from
    int_leads_titled; they win over custom attributes of those names, as contract fields
    do), its custom attributes, and its account's fields as account_<name> (custom
    account attributes included). A lead without a value has no row, which is how
    `missing` is told apart from every other operator.
    One value per lead and field: where two sources give a field the same name (a custom
    attribute named like a contract field, a lead's custom attribute named like its
    account's), the contract field wins over a custom attribute, and a lead's custom
    attribute over its account's, value by value. The names are the input's columns, known
    when the model compiles, so the choice is made in the wide row (a coalesce) before it is
    turned long, instead of ranking every long row. -#}
{%- set fields = {} -%}
{%- for name in [
    'has_email', 'email_domain', 'has_phone', 'company', 'job_title', 'industry', 'country', 'city',
    'lead_source', 'account_id', 'employee_count', 'annual_revenue', 'do_not_email', 'do_not_call',
    'job_seniority', 'job_function', 'account_name', 'account_domain', 'account_industry', 'account_country', 'account_employee_count',
    'account_annual_revenue'] -%}
    {%- do fields.update({name: ['lead_fields_as_text.' ~ name]}) -%}
{%- endfor -%}
{%- for column in leadscore_custom_attribute_columns('leads') -%}
    {%- set name = column[6:] -%}
    {%- do fields.update({name: fields.get(name, []) + ['lead_fields_as_text.' ~ column]}) -%}
{%- endfor -%}
{%- for column in leadscore_custom_attribute_columns('accounts') -%}
    {%- set name = 'account_' ~ column[6:] -%}
    {%- do fields.update({name: fields.get(name, []) + ['lead_fields_as_text.account_' ~ column]}) -%}
{%- endfor -%}
{#- the wide row's custom columns, and one column per field name -#}
{%- set custom_columns = [] -%}
{%- for column in leadscore_custom_attribute_columns('leads') -%}
    {%- do custom_columns.append('current_versions.' ~ column) -%}
{%- endfor -%}
{%- for column in leadscore_custom_attribute_columns('accounts') -%}
    {%- do custom_columns.append('int_accounts_deduplicated.' ~ column ~ ' as account_' ~ column) -%}
{%- endfor -%}
{%- set field_columns = [] -%}
{%- for name, sources in fields.items() -%}
    {%- set value = 'coalesce(' ~ sources | join(', ') ~ ')' if sources | length > 1 else sources[0] -%}
    {%- do field_columns.append(value ~ ' as ' ~ leadscore_quote_identifier(name)) -%}
{%- endfor %}

with int_leads_as_of as (

    select * from {{ ref('int_leads_as_of') }}

),

int_lead_versions as (

    select * from {{ ref('int_lead_versions') }}

),

int_accounts_deduplicated as (

    select * from {{ ref('int_accounts_deduplicated') }}

),

int_conditions_listed as (

    select * from {{ ref('int_conditions_listed') }}

),

int_leads_titled as (

    select * from {{ ref('int_leads_titled') }}

),

-- the profile version current at as_of (see int_leads_as_of)
current_versions as (

    select int_lead_versions.*
    from int_lead_versions
    inner join int_leads_as_of
        on int_lead_versions.raw_row_number = int_leads_as_of.version_row_number

),

lead_fields_as_text as (

    select
        current_versions.lead_id,
        -- personal values are not scored (docs/personal-data.md): whether there is one is
        {{ leadscore_boolean_as_text('current_versions.has_email') }} as has_email,
        current_versions.email_domain,
        {{ leadscore_boolean_as_text('current_versions.has_phone') }} as has_phone,
        current_versions.company,
        current_versions.job_title,
        current_versions.industry,
        current_versions.country,
        current_versions.city,
        current_versions.lead_source,
        current_versions.account_id,
        {{ leadscore_number_as_text('current_versions.employee_count') }} as employee_count,
        {{ leadscore_number_as_text('current_versions.annual_revenue') }} as annual_revenue,
        {{ leadscore_boolean_as_text('current_versions.do_not_email') }} as do_not_email,
        {{ leadscore_boolean_as_text('current_versions.do_not_call') }} as do_not_call,
        -- derived from the job_title by the job_title_patterns seed ('unknown' without one)
        int_leads_titled.job_seniority,
        int_leads_titled.job_function,
        int_accounts_deduplicated.account_name,
        int_accounts_deduplicated.account_domain,
        int_accounts_deduplicated.industry as account_industry,
        int_accounts_deduplicated.country as account_country,
        {{ leadscore_number_as_text('int_accounts_deduplicated.employee_count') }} as account_employee_count,
        {{ ([leadscore_number_as_text('int_accounts_deduplicated.annual_revenue') ~ ' as account_annual_revenue']
            + custom_columns) | join(',\n        ') }}
    from current_versions
    left join int_leads_titled
        on current_versions.lead_id = int_leads_titled.lead_id
    left join int_accounts_deduplicated
        on current_versions.account_id = int_accounts_deduplicated.account_id

),

-- one column per field name, the sources of a shared name in their order of precedence
lead_fields as (

    select
        {{ (['lead_fields_as_text.lead_id'] + field_columns) | join(',\n        ') }}
    from lead_fields_as_text

),

long_fields as (

    {{ leadscore_unpivot('lead_fields', 'lead_id', fields.keys() | list) }}

),

named_fields as (

    select
        lead_id,
        attribute_name,
        attribute_value
    from long_fields
    where
        attribute_value is not null
        -- only the fields some rule or segment names are kept (a join on data, not SQL text);
        -- calibration sets unpivot_all_fields to see every field
        {% if not var('leadscore_unpivot_all_fields', false) %}
            and attribute_name in (select distinct int_conditions_listed.field from int_conditions_listed)
        {% endif %}

),

numeric_named as (

    select
        *,
        -- the contract's numeric fields compare as numbers in eq / in; other text as text ("02139")
        attribute_name in (
            'employee_count', 'annual_revenue', 'account_employee_count', 'account_annual_revenue'
        ) as is_numeric_field
    from named_fields

)

select
    lead_id,
    attribute_name as field_name,
    attribute_value as field_value,
    -- the numeric fields were typed in staging and written back as text with '.'; the
    -- custom attributes are the input's text, in its decimal convention
    case
        when is_numeric_field then {{ leadscore_parse_number('attribute_value', '.') }}
        else {{ leadscore_parse_number('attribute_value') }}
    end as field_number,
    is_numeric_field
from numeric_named
