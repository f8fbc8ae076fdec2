{#- An incremental run of the event store reading one file (or a table) stops when the
    store was built from a folder of deliveries: positions would not continue. -#}
{% macro leadscore_require_no_judged_deliveries() -%}
    {%- set registry = leadscore_model_relation('int_activity_deliveries_judged') -%}
    {%- if registry is not none and not flags.FULL_REFRESH
        and run_query("select count(*) from " ~ registry).rows[0][0] > 0 -%}
        {{ exceptions.raise_compiler_error("leadscore: the event store was built from a folder of activity deliveries, and the activities input is no longer one; run with FULL_REFRESH=1 (dbt: --full-refresh) once") }}
    {%- endif -%}
{%- endmacro %}
