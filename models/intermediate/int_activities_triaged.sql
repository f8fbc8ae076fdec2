{#- Every staged activity row with its fate, judged once: an incremental table (append).
    Checks in order: row-level problems from staging, then an unknown lead (no valid lead
    row with that lead_id), then repeats: the same activity_id, or without one the exact
    same raw row, counts once (the first in the input is kept). The lead_id is mapped to
    its surviving lead.
    The input is an append-only log, so an incremental run reads only what was delivered
    since the last run: the files of a folder of deliveries that no run judged before (the
    others are not even opened), or, from one growing file, the rows appended since the last
    run (raw_row_number beyond the last one judged), or, from a table with a load time per row
    (the var leadscore_input_loaded_at_column), the rows loaded after the newest stored one minus
    input_loaded_at_lookback_hours that are not stored already (such rows are numbered here,
    in load order, after the stored ones). An event counts once however late it arrives.
    A new row that repeats a stored event is a duplicate; with the
    var leadscore_incremental_lookback_hours set, only stored events that occurred within that many
    hours of the newest one are compared (faster on a long history; an older repeat then
    counts twice and the unique test on int_activities_deduplicated stops the build).
    With the var leadscore_bot_events_per_minute set, a lead (the surviving one) with more than
    that many events in one UTC calendar minute has all of that minute's events that would be
    kept quarantined as `bot_burst`; an incremental run counts the events it judges plus the
    events already stored for that lead and minute (kept or bot_burst), and never changes a
    stored event's fate (docs/input-data.md "Bot bursts").
    The rows of erased leads are deleted after each run (docs/personal-data.md "Erasure"). -#}
{{ config(
    pre_hook="{{ leadscore_prefer_hash_joins() }}",
    post_hook="{{ leadscore_delete_erased_rows('source_lead_id') }}"
) }}
-- depends_on: {{ ref('stg_erasure_requests') }}
-- depends_on: {{ ref('base_activities') }}
{%- set source = leadscore_input_source('activities') -%}
{%- set deliveries = source.get('delivery_plan') -%}
{%- set is_load_stamped = source.get('loaded_at_column') is not none -%}
{#- where the engine is better off reading the quarantined rows' raw records again than carrying
    every row's (leadscore_refetches_raw_records): a full build of a table numbered by its
    physical row ids -#}
{%- set refetches_raw_records = not is_incremental() and source.get('physical_row_number', false)
    and leadscore_refetches_raw_records() -%}
{%- set bot_limit = var('leadscore_bot_events_per_minute', none) -%}
{%- if bot_limit is not none and (bot_limit | string | trim) in ['', 'none', 'null'] -%}
    {%- set bot_limit = none -%}
{%- elif bot_limit is not none -%}
    {%- set bot_limit = bot_limit | int(-1) -%}
    {%- if bot_limit < 0 -%}
        {{ exceptions.raise_compiler_error("leadscore: the var leadscore_bot_events_per_minute must be a whole number of events (or null for off), not '" ~ var('leadscore_bot_events_per_minute') ~ "'") }}
    {%- endif -%}
{%- endif -%}
{%- if is_incremental() -%}
    {%- if deliveries is none -%}
        {{ leadscore_require_no_judged_deliveries() }}
    {%- endif -%}
    {%- set last_judged_row = leadscore_stored_maximum(this, 'raw_row_number') -%}
    {%- if is_load_stamped -%}
        {%- set window_start = dbt.dateadd('hour', -(var('leadscore_input_loaded_at_lookback_hours') | int),
            leadscore_stored_maximum(this, 'loaded_at')) -%}
    {%- endif -%}
    {%- if var('leadscore_incremental_lookback_hours', none) is not none -%}
        {%- set newest_stored_event = leadscore_stored_maximum(this, 'occurred_at', 'triage_reason is null') -%}
    {%- endif -%}
{%- endif %}
with int_lead_ids_mapped as (

    select * from {{ ref('int_lead_ids_mapped') }}

),

-- in an incremental run, what was delivered since the last one: everything before it has
-- been judged. A full build on DuckDB and Spark reads the input twice (repeated keys, then
-- every row streamed once) rather than copy every wide row; an incremental run keeps its few
-- new rows. stg_activities is read here, without an import CTE: on Postgres its view holds a
-- volatile column (leadscore_evaluate_once_fence), and a CTE of it would be materialized whole
-- before an incremental run's filter below could reach the table. For the same reason Postgres
-- always keeps a copy of unjudged (cleaned, parsed and mapped once, by parallel workers in a
-- full build), and mapped reads that copy instead of copying it again: for the repeated keys,
-- the judged rows and, in a full build from a table with load times, the numbers of the
-- quarantined rows whose records are read again (leadscore_refetches_raw_records).
{%- if is_incremental() and is_load_stamped %}
-- the stored rows a table's rows loaded inside the lookback may be
already_judged as (

    select
        loaded_at,
        raw_row_hash
    from {{ this }}
    where loaded_at > {{ window_start }}

),
{%- endif %}

unjudged as {{ leadscore_cte_hint('materialized' if is_incremental() else 'not materialized') }}(

    select
        keyed.raw_row_number,
        keyed.delivery_file,
        keyed.loaded_at,
        keyed.raw_row_hash,
        {%- if not refetches_raw_records %}
            keyed.raw_record,
        {%- endif %}
        keyed.activity_key,
        keyed.activity_id,
        keyed.lead_id,
        keyed.activity_type,
        keyed.occurred_at,
        keyed.url,
        keyed.campaign,
        keyed.channel,
        keyed.invalid_reason,
        keyed.invalid_detail,
        int_lead_ids_mapped.lead_id as survivor_lead_id,
        {%- if is_load_stamped %}
            -- rows of a table with load times are numbered in load order, after the stored ones
            coalesce({{ last_judged_row if is_incremental() else 'null' }}, 0) + row_number() over (
                order by keyed.loaded_at, {{ leadscore_byte_order('keyed.raw_row_hash') }}, keyed.raw_row_number
            ) as judged_row_number
        {%- else %}
            keyed.raw_row_number as judged_row_number
        {%- endif %}
    from (

        -- the key is computed here, so that a raw record left out below is not carried
        -- through the load-order sort
        select
            stg_activities.*{{ leadscore_evaluate_once_fence('keyed') }},
            coalesce(
                'id:' || stg_activities.activity_id,
                'row:' || {{ dbt.hash('stg_activities.raw_record') }}
            ) as activity_key
        from {{ ref('stg_activities') }} as stg_activities
        {%- if is_incremental() and deliveries is not none %}
            -- a filter on the file name: DuckDB opens only these files
            where {{ leadscore_in_list('stg_activities.delivery_file', deliveries.new_files) }}
        {%- elif is_incremental() and is_load_stamped %}
            left join already_judged
                on
                    stg_activities.loaded_at = already_judged.loaded_at
                    and stg_activities.raw_row_hash = already_judged.raw_row_hash
            where
                stg_activities.loaded_at > {{ window_start }}
                and already_judged.raw_row_hash is null
        {%- elif is_incremental() %}
            where stg_activities.raw_row_number > coalesce({{ last_judged_row }}, 0)
        {%- endif %}

    ) as keyed
    -- the surviving lead is found here, once, by the parallel workers that clean the rows on
    -- Postgres, where the copy of unjudged is read three times in one process after it
    left join int_lead_ids_mapped
        on keyed.lead_id = int_lead_ids_mapped.source_lead_id

),

mapped as {{ leadscore_cte_hint('materialized' if is_incremental() else 'not materialized') }}(

    select
        unjudged.judged_row_number as raw_row_number,
        unjudged.raw_row_number as input_row_number,
        unjudged.delivery_file,
        unjudged.loaded_at,
        unjudged.raw_row_hash,
        {%- if not refetches_raw_records %}
            unjudged.raw_record,
        {%- endif %}
        unjudged.activity_id,
        unjudged.lead_id,
        unjudged.activity_type,
        unjudged.occurred_at,
        unjudged.url,
        unjudged.campaign,
        unjudged.channel,
        unjudged.invalid_reason,
        unjudged.invalid_detail,
        unjudged.survivor_lead_id,
        unjudged.activity_key,
        unjudged.invalid_reason is null and unjudged.survivor_lead_id is not null as is_countable
    from unjudged

),

-- the stored events a new row may repeat: all of them, or those inside the lookback
stored_events as (

    {%- if is_incremental() %}
        select
            raw_row_number,
            activity_key
        from {{ this }}
        where
            triage_reason is null
            {%- if var('leadscore_incremental_lookback_hours', none) is not none %}
                and occurred_at > {{ dbt.dateadd('hour', -(var('leadscore_incremental_lookback_hours') | int), newest_stored_event) }}
            {%- endif %}
            and activity_key in (select mapped.activity_key from mapped)
    {%- else %}
        select
            raw_row_number,
            activity_key
        from mapped
        where false
    {%- endif %}

),

-- stored events are the earlier occurrences of a repeat
candidates as (

    select
        raw_row_number,
        activity_key,
        is_countable
    from mapped

    union all

    select
        raw_row_number,
        activity_key,
        true as is_countable
    from stored_events

),

-- the keys that occur more than once, with their first row: a narrow aggregate instead of
-- a window that would sort every wide row
repeated_keys as {{ leadscore_cte_hint('materialized' if refetches_raw_records else '') }}(

    select
        activity_key,
        is_countable,
        min(raw_row_number) as first_row_number
    from candidates
    group by activity_key, is_countable
    having count(*) > 1

),

judged as (

    select
        mapped.*,
        -- repeats are counted among rows that passed the other checks only
        coalesce(mapped.raw_row_number > repeated_keys.first_row_number, false) as is_repeat
    from mapped
    left join repeated_keys
        on
            mapped.activity_key = repeated_keys.activity_key
            and mapped.is_countable = repeated_keys.is_countable

),
{%- if bot_limit is not none %}

-- bot bursts: the events that would be kept, per surviving lead and UTC calendar minute
minute_events as (

    select
        survivor_lead_id,
        {{ dbt.date_trunc('minute', 'occurred_at') }} as event_minute,
        count(*) as judged_events
    from judged
    where is_countable and not is_repeat
    group by survivor_lead_id, {{ dbt.date_trunc('minute', 'occurred_at') }}

),

-- the events stored before this run in the same lead and minute (kept or bot_burst; their
-- fate does not change)
stored_minute_events as (

    {%- if is_incremental() %}
        select
            minute_events.survivor_lead_id,
            minute_events.event_minute,
            count(*) as stored_events
        from {{ this }} as stored
        inner join int_lead_ids_mapped as stored_leads
            on stored.source_lead_id = stored_leads.source_lead_id
        inner join minute_events
            on
                stored_leads.lead_id = minute_events.survivor_lead_id
                and {{ dbt.date_trunc('minute', 'stored.occurred_at') }} = minute_events.event_minute
        where stored.triage_reason is null or stored.triage_reason = 'bot_burst'
        group by minute_events.survivor_lead_id, minute_events.event_minute
    {%- else %}
        select
            survivor_lead_id,
            event_minute,
            cast(0 as {{ dbt.type_bigint() }}) as stored_events
        from minute_events
        where false
    {%- endif %}

),

-- the lead-minutes of more events than the var leadscore_bot_events_per_minute allows
bursts as (

    select
        minute_events.survivor_lead_id,
        minute_events.event_minute,
        minute_events.judged_events + coalesce(stored_minute_events.stored_events, 0) as minute_event_count
    from minute_events
    left join stored_minute_events
        on
            minute_events.survivor_lead_id = stored_minute_events.survivor_lead_id
            and minute_events.event_minute = stored_minute_events.event_minute
    where minute_events.judged_events + coalesce(stored_minute_events.stored_events, 0) > {{ bot_limit }}

),
{%- endif %}

-- with the var null, no minute is a burst and nothing is joined: a join with an empty
-- relation was a nested loop that Postgres's cost, disabled by the pre-hook, still counted,
-- and it then hashed every judged row, not the few quarantined records, to join those
burst_judged as {{ leadscore_cte_hint('not materialized' if refetches_raw_records else '') }}(

    select
        judged.*,
        {%- if bot_limit is not none %}
            bursts.minute_event_count,
            bursts.event_minute as burst_minute,
        {%- else %}
            cast(null as {{ dbt.type_bigint() }}) as minute_event_count,
            cast(null as {{ dbt.type_timestamp() }}) as burst_minute,
        {%- endif %}
        judged.invalid_reason is not null
        or judged.survivor_lead_id is null
        or judged.is_repeat
        {%- if bot_limit is not none %}
            or bursts.event_minute is not null
        {%- endif %} as is_quarantined
    from judged
    {%- if bot_limit is not none %}
        left join bursts
            on
                judged.is_countable
                and not judged.is_repeat
                and judged.survivor_lead_id = bursts.survivor_lead_id
                and {{ dbt.date_trunc('minute', 'judged.occurred_at') }} = bursts.event_minute
    {%- endif %}

)
{%- if refetches_raw_records %},

-- the raw records of the rows that end in quarantine, read again by their row number (the
-- input table's physical row id, the same row in both reads): a few rows, where carrying every
-- row's record through the judgement cost a third of the full build on Postgres. Materialized:
-- inlined into the left join below, Postgres would write the record of every input row
quarantined_records as {{ leadscore_cte_hint('materialized') }}(

    select
        base_activities.raw_row_number,
        base_activities.raw_record
    from {{ ref('base_activities') }} as base_activities
    where base_activities.raw_row_number in (
        select burst_judged.input_row_number
        from burst_judged
        where burst_judged.is_quarantined
    )

)
{%- endif %}

select
    burst_judged.raw_row_number,
    burst_judged.delivery_file,
    burst_judged.loaded_at,
    burst_judged.raw_row_hash,
    case
        when burst_judged.is_quarantined
            then {{ 'quarantined_records' if refetches_raw_records else 'burst_judged' }}.raw_record
    end as raw_record,
    burst_judged.activity_key,
    burst_judged.activity_id,
    burst_judged.lead_id as source_lead_id,
    burst_judged.survivor_lead_id as lead_id,
    burst_judged.activity_type,
    burst_judged.occurred_at,
    burst_judged.url,
    burst_judged.campaign,
    burst_judged.channel,
    case
        when burst_judged.invalid_reason is not null then burst_judged.invalid_reason
        when burst_judged.survivor_lead_id is null then 'unknown_lead'
        when burst_judged.is_repeat then 'duplicate'
        when burst_judged.burst_minute is not null then 'bot_burst'
    end as triage_reason,
    case
        when burst_judged.invalid_reason is not null then burst_judged.invalid_detail
        when burst_judged.survivor_lead_id is null then 'no valid lead with lead_id ' || burst_judged.lead_id
        when burst_judged.is_repeat and burst_judged.activity_id is not null
            then 'activity_id ' || burst_judged.activity_id || ' seen before'
        when burst_judged.is_repeat then 'exact repeat of an earlier row'
        when burst_judged.burst_minute is not null
            then cast(burst_judged.minute_event_count as {{ dbt.type_string() }}) || ' events in the minute '
                || substr(cast(burst_judged.burst_minute as {{ dbt.type_string() }}), 1, 16)
                || ' (limit '
                || cast({{ bot_limit if bot_limit is not none else 'null' }} as {{ dbt.type_string() }}) || ')'
    end as triage_detail,
    {{ leadscore_run_started_at() }} as triaged_at
from burst_judged
{%- if refetches_raw_records %}
    left join quarantined_records
        on burst_judged.input_row_number = quarantined_records.raw_row_number
{%- endif %}
