{#- Points of the rules counted again from their events every run, per lead and rule:
    - feedback rules: the lead's sales ratings (sales_feedback) of the rule's rating, with
      the activity-rule arithmetic (points x 0.5^(age_days / half_life_days), window, cap);
    - frequency rules (min_count, max_count): the rule's points once, without decay, when
      the number of matching events (in the window, else all up to as_of) is in range;
    - rules with max_per_day: at most that many matching events per lead and UTC calendar
      day count, the earliest by occurred_at, then by activity_id.
    Counts are per lead after e-mail merges (a merged person is one lead), so nothing is
    carried from run to run: a count cannot be decayed forward. Segments and caps apply as
    in int_activity_rules_decayed. -#}
{{ config(pre_hook="{{ leadscore_prefer_hash_joins() }}") }}

with int_activities_deduplicated as {{ leadscore_cte_hint('not materialized') }}(

    -- not materialized: the scan below reads only the events the counted rules can reach
    select * from {{ ref('int_activities_deduplicated') }}

),

int_sales_feedback_deduplicated as (

    select * from {{ ref('int_sales_feedback_deduplicated') }}

),

stg_scoring_rules as (

    select * from {{ ref('stg_scoring_rules') }}

),

int_scoring_models_resolved as (

    select * from {{ ref('int_scoring_models_resolved') }}

),

int_customers_counted as (

    select * from {{ ref('int_customers_counted') }}

),

int_lead_ids_mapped as (

    select * from {{ ref('int_lead_ids_mapped') }}

),

int_leads_timed as (

    select * from {{ ref('int_leads_timed') }}

),

int_leads_scoped as (

    select * from {{ ref('int_leads_scoped') }}

),

counted_rules as (

    select
        stg_scoring_rules.rule_id,
        stg_scoring_rules.model,
        int_scoring_models_resolved.population,
        stg_scoring_rules.source,
        stg_scoring_rules.field as activity_type,
        stg_scoring_rules.operator,
        stg_scoring_rules.value,
        stg_scoring_rules.points,
        stg_scoring_rules.half_life_days,
        stg_scoring_rules.window_days,
        -- only max_count given: "at most max_count times", from once on
        coalesce(
            stg_scoring_rules.min_count,
            case when stg_scoring_rules.max_count is not null then 1 end
        ) as min_count,
        stg_scoring_rules.max_count,
        stg_scoring_rules.max_per_day
    from stg_scoring_rules
    inner join int_scoring_models_resolved
        on stg_scoring_rules.model = int_scoring_models_resolved.model
    where
        stg_scoring_rules.source = 'feedback'
        or (
            stg_scoring_rules.source = 'activity'
            and (
                stg_scoring_rules.min_count is not null
                or stg_scoring_rules.max_count is not null
                or stg_scoring_rules.max_per_day is not null
            )
        )

),

-- how far back the counted activity rules reach: the widest window, or all history when
-- one of them has none; no counted activity rule reads no event at all
activity_reach as (

    select
        count(*) as rule_count,
        case when count(*) = count(window_days) then max(window_days) end as widest_window_days
    from counted_rules
    where source = 'activity'

),

-- each lead's own moment: read only with score_at_lead_age_days (leadscore_events_as_of)
source_moments as (  -- noqa: ST03

    select
        int_lead_ids_mapped.source_lead_id,
        int_leads_timed.as_of
    from int_lead_ids_mapped
    inner join int_leads_timed
        on int_lead_ids_mapped.lead_id = int_leads_timed.lead_id

),

activity_events as (

    {%- if var('leadscore_score_at_lead_age_days', none) is none %}
    {{ leadscore_events_as_of(
        'int_activities_deduplicated', 'source_moments',
        where='(select activity_reach.rule_count from activity_reach) > 0 and coalesce('
            ~ leadscore_age_days(leadscore_as_of(), 'int_activities_deduplicated.occurred_at')
            ~ ' <= (select activity_reach.widest_window_days from activity_reach), true)'
    ) }}
    {%- else %}
    {{ leadscore_events_as_of(
        'int_activities_deduplicated', 'source_moments',
        where='(select activity_reach.rule_count from activity_reach) > 0'
    ) }}
    {%- endif %}

),

-- the ratings in the shape of events: the rating is the type a feedback rule names
feedback_rows as (

    select
        feedback_key as activity_key,
        cast(null as {{ dbt.type_string() }}) as activity_id,
        source_lead_id,
        rating as activity_type,
        cast(null as {{ dbt.type_string() }}) as url,
        feedback_at as occurred_at
    from int_sales_feedback_deduplicated

),

feedback_events as (

    {{ leadscore_events_as_of('feedback_rows', 'source_moments') }}

),

events as (

    select
        'activity' as event_source,
        activity_key as event_key,
        source_lead_id,
        activity_type,
        url,
        occurred_at,
        as_of
    from activity_events
    union all
    select
        'feedback' as event_source,
        activity_key as event_key,
        source_lead_id,
        activity_type,
        url,
        occurred_at,
        as_of
    from feedback_events

),

-- events with the rules they can match by type: an equi-join, and a pass for `*` rules
typed_matches as (

    select
        events.*,
        counted_rules.rule_id,
        counted_rules.model
    from events
    inner join counted_rules
        on
            events.event_source = counted_rules.source
            and events.activity_type = counted_rules.activity_type
    union all
    select
        events.*,
        counted_rules.rule_id,
        counted_rules.model
    from events
    inner join counted_rules
        on
            events.event_source = counted_rules.source
            and counted_rules.activity_type = '*'

),

matched as (

    select
        int_lead_ids_mapped.lead_id,
        typed_matches.model,
        typed_matches.rule_id,
        typed_matches.event_key,
        typed_matches.occurred_at,
        counted_rules.points,
        counted_rules.half_life_days,
        counted_rules.min_count,
        counted_rules.max_count,
        counted_rules.max_per_day,
        {{ leadscore_age_days('typed_matches.as_of', 'typed_matches.occurred_at') }} as age_days
    from typed_matches
    inner join counted_rules
        on typed_matches.rule_id = counted_rules.rule_id
    inner join int_lead_ids_mapped
        on typed_matches.source_lead_id = int_lead_ids_mapped.source_lead_id
    -- customer models count their customers' events from the conversion on
    left join int_customers_counted
        on
            typed_matches.source_lead_id = int_customers_counted.source_lead_id
            and typed_matches.model = int_customers_counted.model
    where
        typed_matches.occurred_at <= typed_matches.as_of
        and (
            counted_rules.population != 'customers'
            or (
                int_customers_counted.source_lead_id is not null
                and (
                    int_customers_counted.counted_from is null
                    or typed_matches.occurred_at >= int_customers_counted.counted_from
                )
            )
        )
        and (
            counted_rules.operator is null
            or (
                counted_rules.operator = 'contains'
                and {{ leadscore_text_contains('typed_matches.url', 'counted_rules.value') }}
            )
            or (
                counted_rules.operator = 'regex'
                and {{ leadscore_regex_search('typed_matches.url', 'counted_rules.value') }}
            )
        )

),

windowed as (

    select
        matched.*,
        row_number() over (
            partition by matched.lead_id, matched.model, matched.rule_id, cast(matched.occurred_at as date)
            order by matched.occurred_at, matched.event_key
        ) as day_rank
    from matched
    inner join counted_rules
        on matched.rule_id = counted_rules.rule_id
    where counted_rules.window_days is null or matched.age_days <= counted_rules.window_days

),

counted as (

    select
        lead_id,
        model,
        rule_id,
        max(points) as points,
        max(min_count) as min_count,
        max(max_count) as max_count,
        count(*) as matched_events,
        sum(
            points * case
                when half_life_days is null then 1.0
                else power(0.5, age_days / half_life_days)
            end
        ) as decayed_points
    from windowed
    where max_per_day is null or day_rank <= max_per_day
    group by lead_id, model, rule_id

),

scored as (

    select
        counted.lead_id,
        counted.model,
        counted.rule_id,
        stg_scoring_rules.dimension,
        abs(stg_scoring_rules.max_points) as max_points,
        counted.matched_events,
        case
            when counted.min_count is null then counted.decayed_points
            when
                counted.matched_events >= counted.min_count
                and (counted.max_count is null or counted.matched_events <= counted.max_count)
                then counted.points
            else 0
        end as uncapped_points
    from counted
    inner join stg_scoring_rules
        on counted.rule_id = stg_scoring_rules.rule_id
    inner join int_leads_scoped
        on
            counted.lead_id = int_leads_scoped.lead_id
            and counted.model = int_leads_scoped.model
    where stg_scoring_rules.segment_id in ('*', int_leads_scoped.segment_id)

)

select
    lead_id,
    model,
    rule_id,
    dimension,
    {{ leadscore_capped_points('uncapped_points', 'max_points') }} as points,
    matched_events
from scored
