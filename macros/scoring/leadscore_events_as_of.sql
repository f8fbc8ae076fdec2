{#- The stored events that count at the scoring moment, with that moment as `as_of`:
    events up to as_of (a constant, so the filter runs inside the scan), or with the var
    leadscore_score_at_lead_age_days set, up to each lead's own moment from `moments`
    (source_lead_id, as_of). `where` narrows the events further (e.g. to new ones). The
    events have activity_key, activity_id, source_lead_id, activity_type, url, occurred_at. -#}
{% macro leadscore_events_as_of(events, moments, where='true') -%}
    {%- if var('leadscore_score_at_lead_age_days', none) is none %}
    select
        {{ events }}.activity_key,
        {{ events }}.activity_id,
        {{ events }}.source_lead_id,
        {{ events }}.activity_type,
        {{ events }}.url,
        {{ events }}.occurred_at,
        {{ leadscore_as_of() }} as as_of
    from {{ events }}
    where {{ events }}.occurred_at <= {{ leadscore_as_of() }} and ({{ where }})
    {%- else %}
    select
        {{ events }}.activity_key,
        {{ events }}.activity_id,
        {{ events }}.source_lead_id,
        {{ events }}.activity_type,
        {{ events }}.url,
        {{ events }}.occurred_at,
        {{ moments }}.as_of
    from {{ events }}
    inner join {{ moments }}
        on {{ events }}.source_lead_id = {{ moments }}.source_lead_id
    where {{ events }}.occurred_at <= {{ moments }}.as_of and ({{ where }})
    {%- endif %}
{%- endmacro %}
