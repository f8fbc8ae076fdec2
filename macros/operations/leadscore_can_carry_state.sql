{#- Whether a state model may carry its previous rows forward: only in an incremental
    run at one as_of for every lead (not with score_at_lead_age_days). -#}
{% macro leadscore_can_carry_state(is_incremental_run) -%}
    {{ return(is_incremental_run and var('leadscore_score_at_lead_age_days', none) is none) }}
{%- endmacro %}
