{#- Points of activity rules, per lead and rule: the decayed sums of int_activity_rules_summed
    and int_activity_rules_windowed (kept per source lead, so they follow e-mail merges:
    sums add up), for the leads each
    model scores and the rules of their segment, with the rule's cap applied to the lead's
    sum (max_points bounds the magnitude whichever sign it has). -#}
with stg_scoring_rules as (

    select * from {{ ref('stg_scoring_rules') }}

),

int_activity_rules_summed as (

    select * from {{ ref('int_activity_rules_summed') }}

),

int_activity_rules_windowed as (

    select * from {{ ref('int_activity_rules_windowed') }}

),

rule_sums as (

    select
        source_lead_id,
        model,
        rule_id,
        decayed_points,
        matched_events
    from int_activity_rules_summed
    union all
    select
        source_lead_id,
        model,
        rule_id,
        decayed_points,
        matched_events
    from int_activity_rules_windowed

),

int_lead_ids_mapped as (

    select * from {{ ref('int_lead_ids_mapped') }}

),

int_leads_scoped as (

    select * from {{ ref('int_leads_scoped') }}

),

summed as (

    select
        int_lead_ids_mapped.lead_id,
        rule_sums.model,
        rule_sums.rule_id,
        stg_scoring_rules.dimension,
        -- the cap bounds the magnitude, whichever sign it was written with
        max(abs(stg_scoring_rules.max_points)) as max_points,
        sum(rule_sums.decayed_points) as uncapped_points,
        sum(rule_sums.matched_events) as matched_events
    from rule_sums
    inner join int_lead_ids_mapped
        on rule_sums.source_lead_id = int_lead_ids_mapped.source_lead_id
    inner join stg_scoring_rules
        on rule_sums.rule_id = stg_scoring_rules.rule_id
    inner join int_leads_scoped
        on
            int_lead_ids_mapped.lead_id = int_leads_scoped.lead_id
            and rule_sums.model = int_leads_scoped.model
    where
        stg_scoring_rules.segment_id in ('*', int_leads_scoped.segment_id)
        and rule_sums.matched_events > 0
    group by
        int_lead_ids_mapped.lead_id,
        rule_sums.model,
        rule_sums.rule_id,
        stg_scoring_rules.dimension

)

select
    lead_id,
    model,
    rule_id,
    dimension,
    {{ leadscore_capped_points('uncapped_points', 'max_points') }} as points,
    matched_events
from summed
