{#- A text expression as a sort key compared byte by byte, as DuckDB and Spark compare text:
    on Postgres `collate "C"`. Under the database's own collation Postgres compares every pair
    of values through the C library's strcoll and without abbreviated sort keys (C.UTF-8
    included): the event store's load-order sort, whose rows share one load time and are
    ordered by their hash, compared 50M hashes that way at M. Under a collation such as
    en_US, mixed-case rule ids would also sort unlike DuckDB. -#}
{% macro leadscore_byte_order(expression) -%}
    {{ return(adapter.dispatch('leadscore_byte_order', 'leadscore')(expression)) }}
{%- endmacro %}

{% macro default__leadscore_byte_order(expression) -%}
    {{ return(expression) }}
{%- endmacro %}

{% macro postgres__leadscore_byte_order(expression) -%}
    {{ return(expression ~ ' collate "C"') }}
{%- endmacro %}
