with int_accounts_triaged as (

    select * from {{ ref('int_accounts_triaged') }}

)

select
    raw_row_number,
    raw_record,
    account_id,
    triage_reason as reason,
    triage_detail as reason_detail,
    {{ leadscore_run_started_at() }} as quarantined_at
from int_accounts_triaged
where triage_reason is not null
