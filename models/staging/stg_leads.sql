{%- set custom_columns = leadscore_custom_attribute_columns('leads') -%}

with base_leads as (

    select * from {{ ref('base_leads') }}

),

typed as (

    select
        raw_row_number,
        raw_record,
        {{ leadscore_clean_text('lead_id') }} as lead_id,
        {{ leadscore_parse_timestamp('created_at') }} as created_at,
        {{ leadscore_parse_timestamp('updated_at') }} as updated_at,
        {{ leadscore_clean_email('email') }} as email,
        {{ leadscore_clean_text('first_name') }} as first_name,
        {{ leadscore_clean_text('last_name') }} as last_name,
        {{ leadscore_clean_phone('phone') }} as phone,
        {{ leadscore_clean_text('company') }} as company,
        {{ leadscore_clean_text('job_title') }} as job_title,
        {{ leadscore_clean_text('industry') }} as industry,
        {{ leadscore_clean_text('country') }} as country,
        {{ leadscore_clean_text('city') }} as city,
        {{ leadscore_clean_text('lead_source') }} as lead_source,
        {{ leadscore_clean_text('account_id') }} as account_id,
        {{ leadscore_parse_number('employee_count') }} as employee_count,
        {{ leadscore_parse_number('annual_revenue') }} as annual_revenue,
        {{ leadscore_parse_boolean('do_not_email') }} as do_not_email,
        {{ leadscore_parse_boolean('do_not_call') }} as do_not_call,
        {%- for column in custom_columns %}
        {{ leadscore_clean_text(column) }} as {{ column }},
        {%- endfor %}
        -- the raw texts of the required timestamp, to tell empty from unparseable
        {{ leadscore_clean_text('created_at') }} as created_at_text,
        {{ leadscore_data_quality_warnings([
            [leadscore_was_unusable('email', leadscore_clean_email('email')), 'invalid_email'],
            [leadscore_was_unusable('phone', leadscore_clean_phone('phone')), 'invalid_phone'],
            [leadscore_was_unusable('updated_at', leadscore_parse_timestamp('updated_at')), 'unparseable_timestamp:updated_at'],
            [leadscore_was_unusable('employee_count', leadscore_parse_number('employee_count')), 'invalid_number:employee_count'],
            [leadscore_was_unusable('annual_revenue', leadscore_parse_number('annual_revenue')), 'invalid_number:annual_revenue'],
            [leadscore_was_unusable('do_not_email', leadscore_parse_boolean('do_not_email')), 'invalid_boolean:do_not_email'],
            [leadscore_was_unusable('do_not_call', leadscore_parse_boolean('do_not_call')), 'invalid_boolean:do_not_call'],
        ]) }} as data_quality_warnings

    from base_leads

),

validated as (

    select
        *,
        case
            when lead_id is null then 'missing_key'
            when created_at is null then 'unparseable_timestamp'
            when created_at > {{ leadscore_future_cutoff() }} then 'future_timestamp'
        end as invalid_reason,
        case
            when lead_id is null then 'lead_id is empty'
            when created_at_text is null then 'created_at is empty'
            when created_at is null then 'created_at is not a timestamp'
            when created_at > {{ leadscore_future_cutoff() }} then 'created_at is in the future'
        end as invalid_detail
    from typed

)

select
    raw_row_number,
    raw_record,
    lead_id,
    created_at,
    updated_at,
    email,
    {{ leadscore_email_domain('email') }} as email_domain,
    first_name,
    last_name,
    phone,
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
    {%- for column in custom_columns %}
    {{ column }},
    {%- endfor %}
    invalid_reason,
    invalid_detail,
    data_quality_warnings
from validated
