{#- The lead_ids to erase (docs/personal-data.md "Erasure"): those requested by lead_id, and every lead_id
    whose e-mail is requested or belongs to a requested lead_id (one person, several lead
    rows). E-mails compare trimmed and lower-cased as written, valid or not. The staging
    models of leads, activities and outcomes drop these leads' rows, and the stored tables
    (event store, carried state, history) delete them on the next run.
    A table, not a view like the rest of staging: every staging model and the stores'
    post-hooks read it, and as a view each of them would read the leads input again. -#}
{{ config(materialized='table') }}
{{ leadscore_require_input_columns('erasure_requests') }}
{{ leadscore_require_input_columns('leads') }}
{#- a unit test gives its requests as fixtures, whatever the input holds -#}
{%- set has_requests = model.resource_type == 'unit_test' or leadscore_input_source('erasure_requests').found %}

with base_erasure_requests as (

    select * from {{ ref('base_erasure_requests') }}

),

-- read only when there are requests to follow to other lead_ids
base_leads as (  -- noqa: ST03

    select * from {{ ref('base_leads') }}

),

requests as (

    select
        {{ leadscore_clean_text('lead_id') }} as lead_id,
        lower({{ leadscore_clean_text('email') }}) as email
    from base_erasure_requests

),

lead_emails as (

    {%- if has_requests %}
        select distinct
            {{ leadscore_clean_text('lead_id') }} as lead_id,
            lower({{ leadscore_clean_text('email') }}) as email
        from base_leads
    {%- else %}
        -- no erasure requests: the leads input need not be read
        select
            cast(null as {{ dbt.type_string() }}) as lead_id,
            cast(null as {{ dbt.type_string() }}) as email
        where 1 = 0
    {%- endif %}

),

requested_emails as (

    select email
    from requests
    where email is not null

    union

    select lead_emails.email
    from lead_emails
    inner join requests
        on lead_emails.lead_id = requests.lead_id
    where lead_emails.email is not null

),

erased_lead_ids as (

    select lead_id
    from requests
    where lead_id is not null

    union

    select lead_emails.lead_id
    from lead_emails
    inner join requested_emails
        on lead_emails.email = requested_emails.email
    where lead_emails.lead_id is not null

)

select lead_id
from erased_lead_ids
