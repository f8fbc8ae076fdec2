{#- State carried from run to run: per source lead and activity_type, the first and last
    time it happened up to the scoring moment (last activity, hand-raisers). An
    incremental run at a later as_of (see leadscore_can_carry_state) keeps the previous
    rows and folds in only the events after the previous as_of, or judged after it;
    otherwise (first run, --full-refresh, as_of moved back, the event store rebuilt) every
    stored event is read. -#}
{%- set carry = leadscore_state_carry(
    'previous_state', 'event_store', 'summarized_as_of', ref('int_activities_deduplicated')
) %}
with int_activities_deduplicated as {{ leadscore_cte_hint('not materialized') }}(

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

int_leads_timed as (

    select * from {{ ref('int_leads_timed') }}

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
            activity_type,
            first_occurred_at,
            last_occurred_at,
            summarized_as_of,
            events_judged_through,
            events_first_judged_at
        from {{ this }}
        -- an erased lead's state is not carried (docs/personal-data.md "Erasure")
        where not {{ leadscore_is_erased('source_lead_id', 'stg_erasure_requests', is_clean=true) }}
    {%- else %}
        -- no previous state: an empty one
        select
            cast(null as {{ dbt.type_string() }}) as source_lead_id,
            cast(null as {{ dbt.type_string() }}) as activity_type,
            cast(null as {{ dbt.type_timestamp() }}) as first_occurred_at,
            cast(null as {{ dbt.type_timestamp() }}) as last_occurred_at,
            cast(null as {{ dbt.type_timestamp() }}) as summarized_as_of,
            cast(null as {{ dbt.type_timestamp() }}) as events_judged_through,
            cast(null as {{ dbt.type_timestamp() }}) as events_first_judged_at
        where 1 = 0
    {%- endif %}

),

-- what the carried rows have not seen: the events judged after the previous run, or
-- judged before it but occurring after its as_of (two scans, each filtered inside the
-- scan); every event when nothing is carried
new_events as (

    {%- if carry.carried %}
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
    {%- elif carry.carried is false %}
        {{ leadscore_events_as_of('int_activities_deduplicated', 'source_moments') }}
    {%- else %}
        {{ leadscore_events_as_of(
            'int_activities_deduplicated', 'source_moments',
            where='not ' ~ carry.is_carried
                ~ ' or int_activities_deduplicated.occurred_at > ' ~ carry.previous_as_of
                ~ ' or int_activities_deduplicated.triaged_at > ' ~ carry.previous_judged_through
        ) }}
    {%- endif %}

),

summaries as (

    select
        previous_state.source_lead_id,
        previous_state.activity_type,
        previous_state.first_occurred_at,
        previous_state.last_occurred_at
    from previous_state
    where {{ carry.is_carried }}

    union all

    select
        source_lead_id,
        activity_type,
        min(occurred_at) as first_occurred_at,
        max(occurred_at) as last_occurred_at
    from new_events
    group by source_lead_id, activity_type

)

select
    summaries.source_lead_id,
    summaries.activity_type,
    min(summaries.first_occurred_at) as first_occurred_at,
    max(summaries.last_occurred_at) as last_occurred_at,
    -- the run's as_of (state is carried only when every lead is scored at it)
    {{ leadscore_as_of() }} as summarized_as_of,
    max(event_store.judged_through) as events_judged_through,
    max(event_store.first_judged_at) as events_first_judged_at
from summaries
cross join event_store
group by summaries.source_lead_id, summaries.activity_type
