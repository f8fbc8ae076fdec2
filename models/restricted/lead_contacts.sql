{#- The one table that holds personal data (docs/personal-data.md): the e-mail, names and
    phone of each kept lead, from its current row. Everything else carries lead_id, the
    flags has_email / has_phone and consent. Its schema is not granted to the BI role. -#}
with int_leads_deduplicated as (

    select * from {{ ref('int_leads_deduplicated') }}

)

-- stg_leads is joined here, without an import CTE: on Postgres its view holds a volatile
-- column (leadscore_evaluate_once_fence), so a CTE of it is materialized whole, every value
-- of every lead parsed (3.3 s at S); read directly, only the contact columns are computed
select
    int_leads_deduplicated.lead_id,
    stg_leads.email,
    stg_leads.first_name,
    stg_leads.last_name,
    stg_leads.phone,
    int_leads_deduplicated.do_not_email,
    int_leads_deduplicated.do_not_call
from int_leads_deduplicated
inner join {{ ref('stg_leads') }} as stg_leads
    on int_leads_deduplicated.raw_row_number = stg_leads.raw_row_number
