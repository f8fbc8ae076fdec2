{#- Whether a state model may carry its previous rows forward: only in an incremental
    run at one as_of for every lead (not with score_at_lead_age_days). -#}
{% macro leadscore_can_carry_state(is_incremental_run) -%}
    {{ return(is_incremental_run and var('score_at_lead_age_days', none) is none) }}
{%- endmacro %}


{#- The one row a state model decides its carry from: the previous as_of and the newest
    judging time its rows saw, and whether they hold now (as_of did not move back and the
    event store is the same one, by its first triaged_at).
    `previous_state` has the column `as_of_column` and events_judged_through and
    events_first_judged_at; `event_store` has first_judged_at (the oldest triaged_at). -#}
{% macro leadscore_state_carry(previous_state, event_store, as_of_column) -%}
    select
        max({{ previous_state }}.{{ as_of_column }}) as previous_as_of,
        max({{ previous_state }}.events_judged_through) as previous_judged_through,
        coalesce(
            max({{ previous_state }}.{{ as_of_column }}) <= {{ leadscore_as_of() }}
            and max({{ previous_state }}.events_first_judged_at) = max({{ event_store }}.first_judged_at),
            false
        ) as is_carried
    from {{ previous_state }}
    cross join {{ event_store }}
{%- endmacro %}
