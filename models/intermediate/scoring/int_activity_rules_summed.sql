{#- State carried from run to run: per source lead and activity rule, the rule's decayed
    points before caps (leadscore_activity_rule_points), at as_of. An incremental run at
    a later as_of (leadscore_can_carry_state) carries each previous sum forward:
      sum x 0.5^(days since the previous as_of / half_life_days) + the new events' points,
    where the new events are those after the previous as_of or judged after it (late
    arrivals). What cannot be carried is summed again from the stored events:
      - rules that are new or changed (rule_fingerprint: everything that shapes the sum);
      - windowed rules, every run, from the events inside their window (events leave
        a window, and a sum cannot forget them);
      - customers of a `customers` model whose counting start (their conversion) is not
        the one the previous sum used (a late, undated or merged conversion);
      - everything on the first run, with --full-refresh, when as_of moved back, or when
        the event store was rebuilt.
    Customers of `customers` models keep a row per non-windowed rule even at 0, so that a
    changed counting start is always seen, and each non-windowed rule has one row with a
    null source_lead_id that records its fingerprint. -#}
with stg_scoring_rules as (

    select * from {{ ref('stg_scoring_rules') }}

),

int_scoring_models_resolved as (

    select * from {{ ref('int_scoring_models_resolved') }}

),

int_activities_deduplicated as {{ leadscore_cte_hint('not materialized') }}(

    -- not materialized: each use below reads only the events it filters for, straight from
    -- the store (several uses would otherwise copy the whole store first)
    select * from {{ ref('int_activities_deduplicated') }}

),

int_lead_ids_mapped as (

    select * from {{ ref('int_lead_ids_mapped') }}

),

-- read when state is carried: an erased lead's is not
stg_erasure_requests as (  -- noqa: ST03

    select * from {{ ref('stg_erasure_requests') }}

),

int_leads_as_of as (

    select * from {{ ref('int_leads_as_of') }}

),

activity_rules as (

    select
        stg_scoring_rules.rule_id,
        stg_scoring_rules.model,
        int_scoring_models_resolved.population,
        stg_scoring_rules.field as activity_type,
        stg_scoring_rules.operator,
        stg_scoring_rules.value,
        stg_scoring_rules.points,
        stg_scoring_rules.half_life_days,
        stg_scoring_rules.window_days,
        {{ dbt.hash(dbt.concat([
            "coalesce(stg_scoring_rules.model, '')", "'|'",
            "coalesce(int_scoring_models_resolved.population, '')", "'|'",
            "coalesce(stg_scoring_rules.field, '')", "'|'",
            "coalesce(stg_scoring_rules.operator, '')", "'|'",
            "coalesce(stg_scoring_rules.value, '')", "'|'",
            "coalesce(" ~ leadscore_number_as_text('stg_scoring_rules.points') ~ ", '')", "'|'",
            "coalesce(" ~ leadscore_number_as_text('stg_scoring_rules.half_life_days') ~ ", '')", "'|'",
            "coalesce(" ~ leadscore_number_as_text('stg_scoring_rules.window_days') ~ ", '')"
        ])) }} as rule_fingerprint
    from stg_scoring_rules
    inner join int_scoring_models_resolved
        on stg_scoring_rules.model = int_scoring_models_resolved.model
    where stg_scoring_rules.source = 'activity'

),

source_leads as (

    select
        int_lead_ids_mapped.source_lead_id,
        int_leads_as_of.is_customer,
        int_leads_as_of.converted_at,
        int_leads_as_of.as_of
    from int_lead_ids_mapped
    inner join int_leads_as_of
        on int_lead_ids_mapped.lead_id = int_leads_as_of.lead_id

),

-- who a `customers` model counts, and from when
lead_contexts as (

    select
        source_leads.source_lead_id,
        int_scoring_models_resolved.model,
        source_leads.converted_at as counted_from
    from source_leads
    cross join int_scoring_models_resolved
    where
        int_scoring_models_resolved.population = 'customers'
        and source_leads.is_customer

),

event_store as (

    select
        max(triaged_at) as judged_through,
        min(triaged_at) as first_judged_at
    from int_activities_deduplicated

),

previous_state as (

    {%- if leadscore_can_carry_state(is_incremental()) %}
        select
            source_lead_id,
            model,
            rule_id,
            rule_fingerprint,
            counted_from,
            decayed_points,
            matched_events,
            summed_as_of,
            events_judged_through,
            events_first_judged_at
        from {{ this }}
        -- an erased lead's state is not carried (README "Erasure")
        where not {{ leadscore_is_erased('source_lead_id', 'stg_erasure_requests') }}
    {%- else %}
        -- no previous state: an empty one
        select
            cast(null as {{ dbt.type_string() }}) as source_lead_id,
            cast(null as {{ dbt.type_string() }}) as model,
            cast(null as {{ dbt.type_string() }}) as rule_id,
            cast(null as {{ dbt.type_string() }}) as rule_fingerprint,
            cast(null as {{ dbt.type_timestamp() }}) as counted_from,
            cast(null as {{ leadscore_type_double() }}) as decayed_points,
            cast(null as {{ dbt.type_bigint() }}) as matched_events,
            cast(null as {{ dbt.type_timestamp() }}) as summed_as_of,
            cast(null as {{ dbt.type_timestamp() }}) as events_judged_through,
            cast(null as {{ dbt.type_timestamp() }}) as events_first_judged_at
        where 1 = 0
    {%- endif %}

),

carry as (

    {{ leadscore_state_carry('summed_as_of') }}

),

carried_rules as (

    select activity_rules.*
    from activity_rules
    cross join carry
    where
        carry.is_carried
        and activity_rules.window_days is null
        and exists (
            select 1
            from previous_state
            where
                previous_state.rule_id = activity_rules.rule_id
                and previous_state.rule_fingerprint = activity_rules.rule_fingerprint
        )

),

rebuilt_rules as (

    select activity_rules.*
    from activity_rules
    where
        activity_rules.window_days is null
        and activity_rules.rule_id not in (select carried_rules.rule_id from carried_rules)

),

carried_customer_rules as (

    select carried_rules.*
    from carried_rules
    where carried_rules.population = 'customers'

),

windowed_rules as (

    select activity_rules.*
    from activity_rules
    where activity_rules.window_days is not null

),

previous_contexts as (

    select distinct
        previous_state.source_lead_id,
        previous_state.model,
        previous_state.counted_from
    from previous_state
    inner join carried_rules
        on previous_state.rule_id = carried_rules.rule_id
    where carried_rules.population = 'customers'

),

-- customers whose counting start is not the one their previous sums used; a customer
-- new since the previous run who converted after it needs only the new events
recounted_contexts as (

    select
        lead_contexts.source_lead_id,
        lead_contexts.model,
        lead_contexts.counted_from
    from lead_contexts
    cross join carry
    left join previous_contexts
        on
            lead_contexts.source_lead_id = previous_contexts.source_lead_id
            and lead_contexts.model = previous_contexts.model
    where
        case
            when previous_contexts.source_lead_id is null
                then lead_contexts.counted_from is null or lead_contexts.counted_from <= carry.previous_as_of
            else not coalesce(
                    lead_contexts.counted_from = previous_contexts.counted_from,
                    lead_contexts.counted_from is null and previous_contexts.counted_from is null
                )
        end

),

carried_contexts as (

    select
        lead_contexts.source_lead_id,
        lead_contexts.model,
        lead_contexts.counted_from
    from lead_contexts
    left join recounted_contexts
        on
            lead_contexts.source_lead_id = recounted_contexts.source_lead_id
            and lead_contexts.model = recounted_contexts.model
    where recounted_contexts.source_lead_id is null

),

new_events as (

    {{ leadscore_events_as_of(
        'int_activities_deduplicated', 'source_leads',
        where='int_activities_deduplicated.occurred_at > (select previous_as_of from carry)'
            ~ ' or int_activities_deduplicated.triaged_at > (select previous_judged_through from carry)'
    ) }}

),

all_events as {{ leadscore_cte_hint('not materialized') }}(

    {{ leadscore_events_as_of('int_activities_deduplicated', 'source_leads') }}

),

windowed_events as (

    {%- if var('score_at_lead_age_days', none) is none %}
    {{ leadscore_events_as_of(
        'int_activities_deduplicated', 'source_leads',
        where=leadscore_age_days(leadscore_as_of(), 'int_activities_deduplicated.occurred_at')
            ~ ' <= (select max(windowed_rules.window_days) from windowed_rules)'
    ) }}
    {%- else %}
    select * from all_events
    {%- endif %}

),

recounted_events as (

    select all_events.*
    from all_events
    where all_events.source_lead_id in (select recounted_contexts.source_lead_id from recounted_contexts)

),

carried_sums as (

    select
        previous_state.source_lead_id,
        previous_state.model,
        previous_state.rule_id,
        previous_state.decayed_points * case
            when carried_rules.half_life_days is null then 1.0
            else power(
                    0.5,
                    {{ leadscore_age_days(leadscore_as_of(), 'previous_state.summed_as_of') }}
                    / carried_rules.half_life_days
                )
        end as decayed_points,
        previous_state.matched_events
    from previous_state
    inner join carried_rules
        on
            previous_state.rule_id = carried_rules.rule_id
            and previous_state.rule_fingerprint = carried_rules.rule_fingerprint
    left join carried_contexts
        on
            previous_state.source_lead_id = carried_contexts.source_lead_id
            and previous_state.model = carried_contexts.model
    where carried_rules.population != 'customers' or carried_contexts.source_lead_id is not null

),

new_sums as (

    {{ leadscore_activity_rule_points('new_events', 'carried_rules', 'carried_contexts') }}

),

rebuilt_sums as (

    {{ leadscore_activity_rule_points('all_events', 'rebuilt_rules', 'lead_contexts') }}

),

recounted_sums as (

    {{ leadscore_activity_rule_points('recounted_events', 'carried_customer_rules', 'recounted_contexts') }}

),

windowed_sums as (

    {{ leadscore_activity_rule_points('windowed_events', 'windowed_rules', 'lead_contexts') }}

),

-- customers keep a row per rule even without events, and every rule has a row without a
-- lead that records its fingerprint, so that a rule no event matched is not summed again
marker_rows as (

    select
        lead_contexts.source_lead_id,
        lead_contexts.model,
        activity_rules.rule_id,
        0.0 as decayed_points,
        0 as matched_events
    from lead_contexts
    inner join activity_rules
        on lead_contexts.model = activity_rules.model
    where activity_rules.window_days is null

    union all

    select
        cast(null as {{ dbt.type_string() }}) as source_lead_id,
        activity_rules.model,
        activity_rules.rule_id,
        0.0 as decayed_points,
        0 as matched_events
    from activity_rules
    where activity_rules.window_days is null

),

all_sums as (

    select * from carried_sums
    union all
    select * from new_sums
    union all
    select * from rebuilt_sums
    union all
    select * from recounted_sums
    union all
    select * from windowed_sums
    union all
    select * from marker_rows

),

-- summed before the rule and the counting start are looked up: those joins then meet one
-- row per lead and rule instead of every part
summed as (

    select
        source_lead_id,
        model,
        rule_id,
        sum(decayed_points) as decayed_points,
        sum(matched_events) as matched_events
    from all_sums
    group by source_lead_id, model, rule_id

)

select
    summed.source_lead_id,
    summed.model,
    summed.rule_id,
    activity_rules.rule_fingerprint,
    lead_contexts.counted_from,
    summed.decayed_points,
    summed.matched_events,
    {{ leadscore_as_of() }} as summed_as_of,
    event_store.judged_through as events_judged_through,
    event_store.first_judged_at as events_first_judged_at
from summed
inner join activity_rules
    on summed.rule_id = activity_rules.rule_id
left join lead_contexts
    on
        summed.source_lead_id = lead_contexts.source_lead_id
        and summed.model = lead_contexts.model
cross join event_store
