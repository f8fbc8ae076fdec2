{#- The event store (int_activities_triaged) of the current target, or none before it was
    first built. Every raw activity row this run or an earlier one judged is there, with
    its time parsed (null when it did not parse). -#}
{% macro leadscore_event_store_relation() -%}
    {{ return(leadscore_model_relation('int_activities_triaged')) }}
{%- endmacro %}
