{#- Whether a full build of the event store judges the rows without their raw record and reads
    the records of the quarantined rows again (int_activities_triaged). On Postgres every wide
    row moves from the parallel workers through one merge, the load-order sort and a copy
    that is read twice: without the record (about 60 % of a row), its quarantined rows' records
    read again, the event store's full build took 72 s instead of 98 s at S (EXPLAIN ANALYZE).
    DuckDB and Spark carry the record at little cost, and reading a file input again would
    cost them a second parse. -#}
{% macro leadscore_refetches_raw_records() -%}
    {{ return(adapter.dispatch('leadscore_refetches_raw_records', 'leadscore')()) }}
{%- endmacro %}

{% macro default__leadscore_refetches_raw_records() -%}
    {{ return(false) }}
{%- endmacro %}

{% macro postgres__leadscore_refetches_raw_records() -%}
    {{ return(true) }}
{%- endmacro %}
