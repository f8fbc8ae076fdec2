{#- The scored moments that converted: the lead has a label event (int_label_events: a
    conversion of var leadscore_conversion_outcomes, or with var leadscore_label_source a good_fit
    sales rating) dated after the moment's as_of and within var leadscore_performance_horizon_days
    of it. Undated conversions cannot be placed in time and never count here. `scored` is a
    relation or CTE with lead_id and as_of; `outcomes` is int_label_events (lead_id, outcome_at).
    Returns the SQL of a CTE body: lead_id, as_of, one row per converted moment (few rows:
    a caller left-joins them to its scored rows rather than grouping every scored row). -#}
{% macro leadscore_converted_within_horizon(scored, outcomes) -%}
    select distinct
        {{ scored }}.lead_id,
        {{ scored }}.as_of
    from {{ scored }}
    inner join {{ outcomes }}
        on {{ scored }}.lead_id = {{ outcomes }}.lead_id
    where
        {{ outcomes }}.outcome_at > {{ scored }}.as_of
        and {{ outcomes }}.outcome_at
        <= {{ dbt.dateadd('day', var('leadscore_performance_horizon_days') | int, scored ~ '.as_of') }}
{%- endmacro %}
