{#- Points of attribute rules: a rule adds its points once when the lead's value
    satisfies its condition, for leads of the rule's segment (or every segment, `*`) in
    the population of its model. -#}
with stg_scoring_rules as (

    select * from {{ ref('stg_scoring_rules') }}

),

int_lead_conditions_matched as (

    select * from {{ ref('int_lead_conditions_matched') }}

),

int_leads_scoped as (

    select * from {{ ref('int_leads_scoped') }}

)

select
    int_leads_scoped.lead_id,
    stg_scoring_rules.model,
    stg_scoring_rules.rule_id,
    stg_scoring_rules.dimension,
    stg_scoring_rules.points
from stg_scoring_rules
inner join int_lead_conditions_matched
    on int_lead_conditions_matched.condition_id = 'rule:' || stg_scoring_rules.rule_id
inner join int_leads_scoped
    on
        int_lead_conditions_matched.lead_id = int_leads_scoped.lead_id
        and stg_scoring_rules.model = int_leads_scoped.model
where
    stg_scoring_rules.source = 'attribute'
    and stg_scoring_rules.segment_id in ('*', int_leads_scoped.segment_id)
