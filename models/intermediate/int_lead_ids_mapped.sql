{#- Every lead_id that has at least one valid row, with the lead it now belongs to
    (itself, or the survivor of an e-mail merge). Activities and outcomes join here, so
    they follow the survivor. -#}
with int_leads_triaged as (

    select * from {{ ref('int_leads_triaged') }}

)

select distinct
    lead_id as source_lead_id,
    survivor_lead_id as lead_id
from int_leads_triaged
where survivor_lead_id is not null
