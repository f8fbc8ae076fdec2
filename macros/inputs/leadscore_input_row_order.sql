{#- The window order that numbers the rows of an input table (raw_row_number) the same way
    every time the table is read. A bare row_number() over () numbers rows in the order the
    scan returns them, and on Postgres that order changes between two reads of a large
    table (parallel workers; a scan that joins one already running, synchronize_seqscans),
    so a model joining a stored table to the staging view on raw_row_number would pair
    different rows (at 1M leads, lead_contacts gave leads each other's e-mails). -#}
{% macro leadscore_input_row_order(alias, relation) -%}
    {{ return(adapter.dispatch('leadscore_input_row_order', 'leadscore')(alias, relation)) }}
{%- endmacro %}

{#- DuckDB keeps a table's insertion order for row_number() over (). -#}
{% macro default__leadscore_input_row_order(alias, relation) -%}
{%- endmacro %}

{#- A table's physical order (ctid: block, then line), which a table loaded by COPY has in
    the order of its file; a view has none, so its rows are ordered by their whole value
    (identical rows are interchangeable). -#}
{% macro postgres__leadscore_input_row_order(alias, relation) -%}
    {%- if relation.type in ['table', 'materialized_view'] -%}
        order by {{ alias }}.ctid
    {%- else -%}
        order by {{ alias }}::text
    {%- endif -%}
{%- endmacro %}
