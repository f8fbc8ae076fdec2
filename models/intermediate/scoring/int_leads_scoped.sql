{#- Which lead each model scores, with the lead's segment: every lead for population
    `all`, non-customers for `leads`, customers for `customers` (their activities count
    from the conversion on, see int_activity_rules_decayed). -#}
with int_leads_as_of as (

    select * from {{ ref('int_leads_as_of') }}

),

int_leads_segmented as (

    select * from {{ ref('int_leads_segmented') }}

),

int_scoring_models_resolved as (

    select * from {{ ref('int_scoring_models_resolved') }}

)

select
    int_leads_as_of.lead_id,
    int_scoring_models_resolved.model,
    int_scoring_models_resolved.population,
    int_leads_segmented.segment_id,
    int_leads_as_of.created_at,
    int_leads_as_of.last_activity_at,
    int_leads_as_of.converted_at,
    int_leads_as_of.as_of
from int_leads_as_of
inner join int_leads_segmented
    on int_leads_as_of.lead_id = int_leads_segmented.lead_id
cross join int_scoring_models_resolved
where
    int_scoring_models_resolved.population = 'all'
    or (int_scoring_models_resolved.population = 'leads' and not int_leads_as_of.is_customer)
    or (int_scoring_models_resolved.population = 'customers' and int_leads_as_of.is_customer)
