{#- The query behind the freshness check of the activities input (dbt source freshness,
    the main job's step after staging). dbt measures age from now; the newest activity is
    shifted by (now - as_of) so that the age is measured from the scoring date: the usual
    age when as_of is today, and a re-score of a past date is not "stale". Only activities
    up to as_of count, as in scoring.
    Once this run's event store exists (the main job stages it first), the newest time is
    read there: a column of parsed timestamps, so the check costs a scan of one column
    instead of parsing every raw value again. Without it (plain `dbt source freshness`
    before any build) the raw input is parsed. Without an activities input or an
    occurred_at column there is nothing to measure: it reports fresh, and the input checks
    name what is missing. -#}
{% macro leadscore_activities_loaded_at() -%}
    {%- set shift_seconds = dbt.datediff(leadscore_as_of(), leadscore_run_started_at(), 'second') -%}
    {%- set store = leadscore_event_store_relation() -%}
    {%- if store is not none %}
    select {{ dbt.dateadd('second', shift_seconds, 'coalesce(max(occurred_at), ' ~ leadscore_as_of() ~ ')') }} as newest_activity_at
    from {{ store }}
    where occurred_at <= {{ leadscore_as_of() }}
    {%- else %}
    {%- set source = leadscore_input_source('activities') -%}
    {%- set mapping = leadscore_input_column_mapping('activities', source.columns) -%}
    {%- if not source.found or 'occurred_at' not in mapping.recognised %}
    select {{ leadscore_run_started_at() }} as newest_activity_at
    {%- else %}
    with parsed as (
        select {{ leadscore_parse_timestamp(leadscore_clean_text(leadscore_quote_identifier(mapping.recognised['occurred_at']))) }} as occurred_at
        from {{ source.relation }} as raw_input
    )
    select {{ dbt.dateadd('second', shift_seconds, 'coalesce(max(occurred_at), ' ~ leadscore_as_of() ~ ')') }} as newest_activity_at
    from parsed
    where occurred_at <= {{ leadscore_as_of() }}
    {%- endif %}
    {%- endif %}
{%- endmacro %}
