{#- Points of activity rules, per lead and rule. Each matching event up to as_of adds
    points x 0.5^(age_days / half_life_days) (no decay without a half-life), only events
    with age_days <= window_days count when a window is set, and the rule's sum is capped
    at max_points (on the magnitude for negative points). Events match by activity_type
    (or any, `*`) and the optional url filter (contains / regex). For customer models only
    events from the conversion on count. -#}
with stg_scoring_rules as (

    select * from {{ ref('stg_scoring_rules') }}

),

int_activities_deduplicated as (

    select * from {{ ref('int_activities_deduplicated') }}

),

int_leads_scoped as (

    select * from {{ ref('int_leads_scoped') }}

),

activity_rules as (

    select
        rule_id,
        model,
        segment_id,
        dimension,
        field as activity_type,
        operator,
        value,
        points,
        half_life_days,
        window_days,
        max_points
    from stg_scoring_rules
    where source = 'activity'

),

events as (

    select
        int_activities_deduplicated.lead_id,
        int_activities_deduplicated.activity_type,
        int_activities_deduplicated.url,
        int_activities_deduplicated.occurred_at
    from int_activities_deduplicated
    where int_activities_deduplicated.occurred_at <= {{ leadscore_as_of() }}

),

-- an equi-join for rules of one type and a separate pass for `*` rules keeps the join a hash join
rule_events as (

    select
        events.lead_id,
        events.url,
        events.occurred_at,
        activity_rules.*
    from events
    inner join activity_rules
        on events.activity_type = activity_rules.activity_type

    union all

    select
        events.lead_id,
        events.url,
        events.occurred_at,
        activity_rules.*
    from events
    cross join activity_rules
    where activity_rules.activity_type = '*'

),

eligible_events as (

    select
        rule_events.lead_id,
        rule_events.model,
        rule_events.rule_id,
        rule_events.dimension,
        rule_events.points,
        rule_events.half_life_days,
        rule_events.max_points,
        {{ leadscore_age_days('int_leads_scoped.as_of', 'rule_events.occurred_at') }} as age_days,
        rule_events.window_days
    from rule_events
    inner join int_leads_scoped
        on
            rule_events.lead_id = int_leads_scoped.lead_id
            and rule_events.model = int_leads_scoped.model
    where
        rule_events.segment_id in ('*', int_leads_scoped.segment_id)
        and rule_events.occurred_at <= int_leads_scoped.as_of
        and (
            int_leads_scoped.population != 'customers'
            or int_leads_scoped.converted_at is null
            or rule_events.occurred_at >= int_leads_scoped.converted_at
        )
        and (
            rule_events.operator is null
            or (
                rule_events.operator = 'contains'
                and {{ leadscore_text_contains('rule_events.url', 'rule_events.value') }}
            )
            or (rule_events.operator = 'regex' and {{ leadscore_regex_search('rule_events.url', 'rule_events.value') }})
        )

),

summed as (

    select
        lead_id,
        model,
        rule_id,
        dimension,
        -- the cap bounds the magnitude, whichever sign it was written with
        max(abs(max_points)) as max_points,
        sum(
            points * case
                when half_life_days is null then 1.0
                else power(0.5, age_days / half_life_days)
            end
        ) as uncapped_points
    from eligible_events
    where window_days is null or age_days <= window_days
    group by lead_id, model, rule_id, dimension

)

select
    lead_id,
    model,
    rule_id,
    dimension,
    case
        when max_points is null then uncapped_points
        when uncapped_points > max_points then max_points
        when uncapped_points < -max_points then -max_points
        else uncapped_points
    end as points
from summed
