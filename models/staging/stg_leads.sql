{{ leadscore_require_input_columns('leads') }}

with base_leads as (

    select * from {{ ref('base_leads') }}

),

stg_erasure_requests as (

    select * from {{ ref('stg_erasure_requests') }}

),

-- an erased lead's rows end here: nothing downstream sees them (docs/personal-data.md "Erasure")
not_erased as (

    select *
    from base_leads
    where not {{ leadscore_is_erased('base_leads.lead_id', 'stg_erasure_requests') }}

),

cleaned as (

    -- every value as cleaned text first: trimmed, placeholders as null
    select
        raw_row_number,
        raw_record,
        {{ leadscore_custom_attribute_list('leads', clean=true) }}
        {{ leadscore_clean_text('lead_id') }} as lead_id,
        {{ leadscore_clean_text('created_at') }} as created_at_text,
        {{ leadscore_clean_text('updated_at') }} as updated_at_text,
        {{ leadscore_clean_text('email') }} as email_text,
        {{ leadscore_clean_text('first_name') }} as first_name,
        {{ leadscore_clean_text('last_name') }} as last_name,
        {{ leadscore_clean_text('phone') }} as phone_text,
        {{ leadscore_clean_text('company') }} as company,
        {{ leadscore_clean_text('job_title') }} as job_title,
        {{ leadscore_clean_text('industry') }} as industry,
        {{ leadscore_clean_text('country') }} as country,
        {{ leadscore_clean_text('city') }} as city,
        {{ leadscore_clean_text('lead_source') }} as lead_source,
        {{ leadscore_clean_text('account_id') }} as account_id,
        {{ leadscore_clean_text('employee_count') }} as employee_count_text,
        {{ leadscore_clean_text('annual_revenue') }} as annual_revenue_text,
        {{ leadscore_clean_text('do_not_email') }} as do_not_email_text,
        {{ leadscore_clean_text('do_not_call') }} as do_not_call_text
    from not_erased

)

select
    raw_row_number,
    raw_record,
    {{ leadscore_custom_attribute_list('leads') }}
    lead_id,
    created_at,
    updated_at,
    email,
    email_text,
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
    end as invalid_detail,
    {{ leadscore_data_quality_warnings([
        ['email_text is not null and email is null', 'invalid_email'],
        ['phone_text is not null and phone is null', 'invalid_phone'],
        ['updated_at_text is not null and updated_at is null', 'unparseable_timestamp:updated_at'],
        ['employee_count_text is not null and employee_count is null', 'invalid_number:employee_count'],
        ['annual_revenue_text is not null and annual_revenue is null', 'invalid_number:annual_revenue'],
        ['do_not_email_text is not null and do_not_email is null', 'invalid_boolean:do_not_email'],
        ['do_not_call_text is not null and do_not_call is null', 'invalid_boolean:do_not_call'],
    ]) }} as data_quality_warnings
-- the typed values in a subquery behind a fence (and the cleaned ones, which the parses read
-- several times): on Postgres each is then computed once per row, not at every mention
-- (leadscore_evaluate_once_fence), and a row count computes none
from (

    select *{{ leadscore_evaluate_once_fence('typed') }}
    from (

        select
            *,
            {{ leadscore_parse_timestamp('created_at_text') }} as created_at,
            {{ leadscore_parse_timestamp('updated_at_text') }} as updated_at,
            {{ leadscore_clean_email('email_text') }} as email,
            {{ leadscore_clean_phone('phone_text') }} as phone,
            {{ leadscore_parse_number('employee_count_text') }} as employee_count,
            {{ leadscore_parse_number('annual_revenue_text') }} as annual_revenue,
            {{ leadscore_parse_boolean('do_not_email_text') }} as do_not_email,
            {{ leadscore_parse_boolean('do_not_call_text') }} as do_not_call
        from (
            select *{{ leadscore_evaluate_once_fence('cleaned') }}
            from cleaned
        ) as cleaned_once

    ) as parsed

) as typed
