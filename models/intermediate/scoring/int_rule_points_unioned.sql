{#- Every rule's points for every lead it scores, all sources together, with the words
    reps see and, for activity and feedback rules, how many events the rule counted. A rule
    that adds nothing has no row. -#}
with int_attribute_rules_matched as (

    select * from {{ ref('int_attribute_rules_matched') }}

),

int_activity_rules_decayed as (

    select * from {{ ref('int_activity_rules_decayed') }}

),

int_inactivity_rules_matched as (

    select * from {{ ref('int_inactivity_rules_matched') }}

),

int_event_rules_counted as (

    select * from {{ ref('int_event_rules_counted') }}

),

stg_scoring_rules as (

    select * from {{ ref('stg_scoring_rules') }}

),

all_points as (

    select
        lead_id,
        model,
        rule_id,
        dimension,
        points,
        cast(null as {{ dbt.type_bigint() }}) as event_count
    from int_attribute_rules_matched
    union all
    select
        lead_id,
        model,
        rule_id,
        dimension,
        points,
        matched_events as event_count
    from int_activity_rules_decayed
    union all
    select
        lead_id,
        model,
        rule_id,
        dimension,
        points,
        cast(null as {{ dbt.type_bigint() }}) as event_count
    from int_inactivity_rules_matched
    union all
    select
        lead_id,
        model,
        rule_id,
        dimension,
        points,
        matched_events as event_count
    from int_event_rules_counted

)

select
    all_points.lead_id,
    all_points.model,
    all_points.rule_id,
    all_points.dimension,
    {{ leadscore_round('all_points.points', var('leadscore_score_decimal_places') | int) }} as points,
    all_points.event_count,
    stg_scoring_rules.description
from all_points
inner join stg_scoring_rules
    on all_points.rule_id = stg_scoring_rules.rule_id
where all_points.points != 0
