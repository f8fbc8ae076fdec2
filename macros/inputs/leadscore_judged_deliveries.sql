{#- The delivery files of an input table judged by earlier runs, {path: {number, bytes,
    modified_at}}, or none when this run judges every file again (only the activities are
    kept between runs, in the event store; a full build or --full-refresh starts over). -#}
{% macro leadscore_judged_deliveries(table_name) -%}
    {%- set store = leadscore_event_store_relation() -%}
    {%- if table_name != 'activities' or flags.FULL_REFRESH or store is none -%}
        {{- return(none) -}}
    {%- endif -%}
    {%- set registry = leadscore_model_relation('int_activity_deliveries_judged') -%}
    {%- if registry is none -%}
        {#- a store this very build just started (a first build) has no registry yet -#}
        {%- set earlier = run_query("select count(*) from " ~ store ~ " where triaged_at < " ~ leadscore_run_started_at()).rows[0][0] -%}
        {%- if earlier > 0 -%}
            {{ exceptions.raise_compiler_error("leadscore: the event store has no record of the delivery files it judged (it was built from one file, or by an older leadscore); run with FULL_REFRESH=1 (dbt: --full-refresh) once") }}
        {%- endif -%}
        {{- return(none) -}}
    {%- endif -%}
    {%- set judged = {} -%}
    {%- for row in run_query("select delivery_file, delivery_number, file_bytes, cast(file_modified_at as " ~ dbt.type_string() ~ ") from " ~ registry).rows -%}
        {%- do judged.update({row[0] | string: {'number': row[1] | int, 'bytes': row[2] | int, 'modified_at': row[3] | string}}) -%}
    {%- endfor -%}
    {{- return(judged) -}}
{%- endmacro %}
