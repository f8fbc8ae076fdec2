{#- A unique number for each row of a table that needs no pass over the others (so a filter
    on the rows, e.g. on their load time, still reaches the table's scan): its physical row
    id. Not stable across rewrites of the table: only for tables whose rows the event store
    numbers itself (those with a load time). -#}
{% macro leadscore_physical_row_number(alias) -%}
    {{ return(adapter.dispatch('leadscore_physical_row_number', 'leadscore')(alias)) }}
{%- endmacro %}

{% macro default__leadscore_physical_row_number(alias) -%}
    row_number() over ()
{%- endmacro %}

{% macro duckdb__leadscore_physical_row_number(alias) -%}
    {{ alias }}.rowid + 1
{%- endmacro %}

{% macro postgres__leadscore_physical_row_number(alias) -%}
    ({{ alias }}.ctid::text::point)[0]::bigint * 65536 + ({{ alias }}.ctid::text::point)[1]::bigint
{%- endmacro %}
