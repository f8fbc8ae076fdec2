{#- The run's start time (UTC) as a timestamp literal: the same value for every model of
    one invocation, so quarantine times and the future-time cut-off agree. -#}
{% macro leadscore_run_started_at() -%}
    cast({{ leadscore_string_literal(run_started_at.strftime('%Y-%m-%d %H:%M:%S.%f')) }} as {{ dbt.type_timestamp() }})
{%- endmacro %}
