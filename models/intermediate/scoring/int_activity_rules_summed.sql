{#- State carried from run to run: per source lead and activity rule without a window, the
    rule's decayed points before caps (leadscore_activity_rule_points), at as_of. An
    incremental run at a later as_of (leadscore_state_carry) carries each previous sum
    forward:
      sum x 0.5^(days since the previous as_of / half_life_days) + the new events' points,
    where the new events are those after the previous as_of or judged after the previous
    run (late arrivals). What cannot be carried is summed again from the stored events:
      - rules that are new or changed (int_activity_rules_fingerprinted);
      - customers of a `customers` model whose counting start (their conversion) moved
        (int_customers_counted);
      - everything on the first run, with --full-refresh, when as_of moved back, or when
        the event store was rebuilt.
    Windowed rules are summed apart, every run (int_activity_rules_windowed). -#}
{%- set carry = leadscore_state_carry(
    'previous_state', 'event_store', 'summed_as_of', ref('int_activities_deduplicated')
) %}
with int_activities_deduplicated as {{ leadscore_cte_hint('not materialized') }}(

    -- not materialized: each use below reads only the events it filters for, straight from
    -- the store (several uses would otherwise copy the whole store first)
    select * from {{ ref('int_activities_deduplicated') }}

),

-- the small CTEs below are not materialized: each use reads its table or the few rules again,
-- and Postgres, which keeps parallel workers away from a CTE's copy, can then sum the store's
-- events in parallel (a full re-sum at S: 12.2 s in one process, 6.3 s with two workers)
int_activity_rules_fingerprinted as {{ leadscore_cte_hint('not materialized') }}(

    select * from {{ ref('int_activity_rules_fingerprinted') }}

),

int_customers_counted as {{ leadscore_cte_hint('not materialized') }}(

    select * from {{ ref('int_customers_counted') }}

),

int_lead_ids_mapped as (

    select * from {{ ref('int_lead_ids_mapped') }}

),

int_leads_timed as (

    select * from {{ ref('int_leads_timed') }}

),

-- read when state is carried: an erased lead's is not
stg_erasure_requests as (  -- noqa: ST03

    select * from {{ ref('stg_erasure_requests') }}

),

rules as {{ leadscore_cte_hint('not materialized') }}(

    select * from int_activity_rules_fingerprinted
    where window_days is null

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
            decayed_points,
            matched_events,
            summed_as_of,
            events_judged_through,
            events_first_judged_at
        from {{ this }}
        -- an erased lead's state is not carried (docs/personal-data.md "Erasure")
        where not {{ leadscore_is_erased('source_lead_id', 'stg_erasure_requests', is_clean=true) }}
    {%- else %}
        -- no previous state: an empty one
        select
            cast(null as {{ dbt.type_string() }}) as source_lead_id,
            cast(null as {{ dbt.type_string() }}) as model,
            cast(null as {{ dbt.type_string() }}) as rule_id,
            cast(null as {{ dbt.type_string() }}) as rule_fingerprint,
            cast(null as {{ leadscore_type_double() }}) as decayed_points,
            cast(null as {{ dbt.type_bigint() }}) as matched_events,
            cast(null as {{ dbt.type_timestamp() }}) as summed_as_of,
            cast(null as {{ dbt.type_timestamp() }}) as events_judged_through,
            cast(null as {{ dbt.type_timestamp() }}) as events_first_judged_at
        where 1 = 0
    {%- endif %}

),

-- rules whose sums the previous run made as they are now
carried_rules as {{ leadscore_cte_hint('not materialized') }}(

    select rules.*
    from rules
    where {{ carry.is_carried }} and rules.summed_fingerprint = rules.rule_fingerprint

),

rebuilt_rules as {{ leadscore_cte_hint('not materialized') }}(

    select rules.*
    from rules
    where rules.rule_id not in (select carried_rules.rule_id from carried_rules)

),

carried_customer_rules as {{ leadscore_cte_hint('not materialized') }}(

    select carried_rules.*
    from carried_rules
    where carried_rules.population = 'customers'

),

-- customers whose counting start is not the one their previous sums used; a customer
-- new since the previous run who converted after it needs only the new events
recounted_customers as {{ leadscore_cte_hint('not materialized') }}(

    select
        int_customers_counted.source_lead_id,
        int_customers_counted.model,
        int_customers_counted.counted_from
    from int_customers_counted
    where
        case
            when not int_customers_counted.was_counted
                then int_customers_counted.counted_from is null
                    or int_customers_counted.counted_from <= {{ carry.previous_as_of }}
            else not coalesce(
                    int_customers_counted.counted_from = int_customers_counted.previous_counted_from,
                    int_customers_counted.counted_from is null and int_customers_counted.previous_counted_from is null
                )
        end

),

carried_customers as {{ leadscore_cte_hint('not materialized') }}(

    select
        int_customers_counted.source_lead_id,
        int_customers_counted.model,
        int_customers_counted.counted_from
    from int_customers_counted
    left join recounted_customers
        on
            int_customers_counted.source_lead_id = recounted_customers.source_lead_id
            and int_customers_counted.model = recounted_customers.model
    where recounted_customers.source_lead_id is null

),

-- the events the carried sums have not seen: judged after the previous run, or judged
-- before it but occurring after its as_of (two scans, each filtered inside the scan)
new_events as (

    {%- if carry.carried is not false %}
        {{ leadscore_events_as_of(
            'int_activities_deduplicated', 'source_moments',
            where='int_activities_deduplicated.triaged_at > ' ~ carry.previous_judged_through
        ) }}
        union all
        {{ leadscore_events_as_of(
            'int_activities_deduplicated', 'source_moments',
            where='int_activities_deduplicated.triaged_at <= ' ~ carry.previous_judged_through
                ~ ' and int_activities_deduplicated.occurred_at > ' ~ carry.previous_as_of
        ) }}
    {%- else %}
        -- nothing is carried: no event is new to a carried sum
        {{ leadscore_events_as_of('int_activities_deduplicated', 'source_moments', where='false') }}
    {%- endif %}

),

all_events as {{ leadscore_cte_hint('not materialized') }}(

    {{ leadscore_events_as_of('int_activities_deduplicated', 'source_moments') }}

),

recounted_events as (

    select all_events.*
    from all_events
    where all_events.source_lead_id in (select recounted_customers.source_lead_id from recounted_customers)

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
    left join carried_customers
        on
            previous_state.source_lead_id = carried_customers.source_lead_id
            and previous_state.model = carried_customers.model
    where carried_rules.population != 'customers' or carried_customers.source_lead_id is not null

),

new_sums as (

    {{ leadscore_activity_rule_points('new_events', 'carried_rules', 'carried_customers') }}

),

rebuilt_sums as (

    {{ leadscore_activity_rule_points('all_events', 'rebuilt_rules', 'int_customers_counted') }}

),

recounted_sums as (

    {{ leadscore_activity_rule_points('recounted_events', 'carried_customer_rules', 'recounted_customers') }}

),

-- what this run adds: the new events of carried rules, rules summed again, customers
-- counted again (one part per lead and rule at most; all of it on a full build)
added_sums as (

    select
        source_lead_id,
        model,
        rule_id,
        sum(decayed_points) as decayed_points,
        sum(matched_events) as matched_events
    from (
        select * from new_sums
        union all
        select * from rebuilt_sums
        union all
        select * from recounted_sums
    ) as added
    group by source_lead_id, model, rule_id

),

-- the carried sums (one row per lead and rule) plus what was added: a join on the few added
-- rows instead of grouping every carried one again
summed as (

    select
        coalesce(carried_sums.source_lead_id, added_sums.source_lead_id) as source_lead_id,
        coalesce(carried_sums.model, added_sums.model) as model,
        coalesce(carried_sums.rule_id, added_sums.rule_id) as rule_id,
        coalesce(carried_sums.decayed_points, 0) + coalesce(added_sums.decayed_points, 0) as decayed_points,
        coalesce(carried_sums.matched_events, 0) + coalesce(added_sums.matched_events, 0) as matched_events
    from carried_sums
    full outer join added_sums
        on
            carried_sums.source_lead_id = added_sums.source_lead_id
            and carried_sums.rule_id = added_sums.rule_id

)

select
    summed.source_lead_id,
    summed.model,
    summed.rule_id,
    rules.rule_fingerprint,
    summed.decayed_points,
    summed.matched_events,
    {{ leadscore_as_of() }} as summed_as_of,
    event_store.judged_through as events_judged_through,
    event_store.first_judged_at as events_first_judged_at
from summed
inner join rules
    on summed.rule_id = rules.rule_id
cross join event_store
