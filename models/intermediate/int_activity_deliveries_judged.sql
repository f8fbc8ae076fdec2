{#- The registry of the event store: one row per file of a folder of activity deliveries
    that a run judged, as it was then (size, modification time) and with its
    delivery_number, the order in which files are read (leadscore_delivery_plan). An
    incremental run reads only the files not listed here, and stops when a listed file
    changed or disappeared. Empty when the activities are one file or a table. -#}
{{ config(materialized='incremental', incremental_strategy='append', on_schema_change='fail') }}
-- depends_on: {{ ref('int_activities_triaged') }}
{%- set source = leadscore_input_source('activities') -%}
{%- set deliveries = source.get('delivery_plan') if source.found else none -%}
{%- set new_files = deliveries.new_files if deliveries is not none else [] %}

with base_activities as (

    select * from {{ ref('base_activities') }}

),

delivered_rows as (

    -- a filter on the file name: only the new files are opened
    select
        delivery_file,
        count(*) as raw_rows
    from base_activities
    where {{ leadscore_in_list('delivery_file', new_files) }}
    group by delivery_file

),

new_files as (

    {%- if new_files %}
        {{ leadscore_delivery_files_metadata(new_files) }}
    {%- else %}
        select
            cast(null as {{ dbt.type_string() }}) as delivery_file,
            cast(null as {{ dbt.type_bigint() }}) as file_bytes,
            cast(null as {{ dbt.type_string() }}) as file_modified_at
        where 1 = 0
    {%- endif %}

)

select
    new_files.delivery_file,
    {%- if new_files %}
        case new_files.delivery_file
            {%- for path in new_files %}
            when {{ leadscore_string_literal(path) }} then {{ deliveries.numbers[path] }}
            {%- endfor %}
        end as delivery_number,
    {%- else %}
        cast(null as {{ dbt.type_bigint() }}) as delivery_number,
    {%- endif %}
    cast(new_files.file_bytes as {{ dbt.type_bigint() }}) as file_bytes,
    cast(new_files.file_modified_at as {{ dbt.type_timestamp() }}) as file_modified_at,
    cast(coalesce(delivered_rows.raw_rows, 0) as {{ dbt.type_bigint() }}) as raw_rows,
    {{ leadscore_run_started_at() }} as judged_at
from new_files
left join delivered_rows
    on new_files.delivery_file = delivered_rows.delivery_file
