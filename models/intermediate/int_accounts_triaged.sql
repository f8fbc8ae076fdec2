{#- Every staged account row with its fate: a missing account_id is quarantined; when an
    account_id repeats, the last row in the input wins (accounts carry no update time)
    and the earlier ones are `duplicate`. -#}
with stg_accounts as (

    select * from {{ ref('stg_accounts') }}

),

ranked as (

    select
        *,
        row_number() over (
            partition by account_id, invalid_reason is null
            order by raw_row_number desc
        ) as version_rank
    from stg_accounts

)

select
    raw_row_number,
    {{ leadscore_custom_attribute_list('accounts') }}
    case when invalid_reason is not null or version_rank > 1 then raw_record end as raw_record,
    account_id,
    account_name,
    account_domain,
    industry,
    country,
    employee_count,
    annual_revenue,
    case
        when invalid_reason is not null then invalid_reason
        when version_rank > 1 then 'duplicate'
    end as triage_reason,
    case
        when invalid_reason is not null then invalid_detail
        when version_rank > 1 then 'older row of account ' || account_id || ' (a later row is kept)'
    end as triage_detail,
    data_quality_warnings
from ranked
