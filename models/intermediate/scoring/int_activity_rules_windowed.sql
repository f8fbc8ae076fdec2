{#- The points of windowed activity rules (window_days set), per source lead and rule, summed
    every run from the stored events inside the widest window: a sum cannot forget an event
    that leaves its window, so these are never carried. Customer models count their
    customers' events from the conversion on. Caps and segments come later
    (int_activity_rules_decayed). -#}
with int_activities_deduplicated as {{ leadscore_cte_hint('not materialized') }}(

    -- not materialized: the scan below reads only the events inside the window
    select * from {{ ref('int_activities_deduplicated') }}

),

int_activity_rules_fingerprinted as (

    select * from {{ ref('int_activity_rules_fingerprinted') }}

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

windowed_rules as (

    select * from int_activity_rules_fingerprinted
    where window_days is not null

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

windowed_events as (

    {%- if var('leadscore_score_at_lead_age_days', none) is none %}
    {{ leadscore_events_as_of(
        'int_activities_deduplicated', 'source_moments',
        where=leadscore_age_days(leadscore_as_of(), 'int_activities_deduplicated.occurred_at')
            ~ ' <= (select max(windowed_rules.window_days) from windowed_rules)'
    ) }}
    {%- else %}
    {{ leadscore_events_as_of('int_activities_deduplicated', 'source_moments') }}
    {%- endif %}

),

windowed_sums as (

    {{ leadscore_activity_rule_points('windowed_events', 'windowed_rules', 'int_customers_counted') }}

)

select
    source_lead_id,
    model,
    rule_id,
    decayed_points,
    matched_events
from windowed_sums
