{#- Latest time an input row may carry: the run's start plus var leadscore_future_tolerance_hours. -#}
{% macro leadscore_future_cutoff() -%}
    {{ dbt.dateadd('hour', var('leadscore_future_tolerance_hours') | int, leadscore_run_started_at()) }}
{%- endmacro %}
