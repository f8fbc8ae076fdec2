{#- 1 when the lead has a conversion (var conversion_outcomes) dated after its score's
    as_of and within var performance_horizon_days of it, else 0. Undated conversions
    cannot be placed in time and never count here. `scored` is a relation or CTE with
    lead_id and as_of; `outcomes` one with lead_id, outcome and outcome_at. Returns the
    SQL of a CTE body: lead_id, as_of, has_converted. -#}
{% macro leadscore_converted_within_horizon(scored, outcomes) -%}
    select
        {{ scored }}.lead_id,
        {{ scored }}.as_of,
        max(case
            when {{ outcomes }}.outcome in ({{ leadscore_conversion_outcome_list() }})
                and {{ outcomes }}.outcome_at > {{ scored }}.as_of
                and {{ outcomes }}.outcome_at
                <= {{ dbt.dateadd('day', var('performance_horizon_days') | int, scored ~ '.as_of') }}
                then 1
            else 0
        end) as has_converted
    from {{ scored }}
    left join {{ outcomes }}
        on {{ scored }}.lead_id = {{ outcomes }}.lead_id
    group by {{ scored }}.lead_id, {{ scored }}.as_of
{%- endmacro %}
