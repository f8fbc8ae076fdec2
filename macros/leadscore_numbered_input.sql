{#- The rows of one located input (leadscore_input_source) with their position in the
    input, 1-based, as __leadscore_row_number, followed by the input's own columns. Where the
    source can say a row's position itself (DuckDB's Parquet reader), that is used;
    otherwise rows are numbered in the order they are read. -#}
{% macro leadscore_numbered_input(source) -%}
    {%- if source.numbered_relation is defined and source.numbered_relation -%}
    select
        raw_input.file_row_number + 1 as __leadscore_row_number,
        raw_input.* exclude (file_row_number)
    from {{ source.numbered_relation }} as raw_input
    {%- else -%}
    select
        row_number() over () as __leadscore_row_number,
        raw_input.*
    from {{ source.relation }} as raw_input
    {%- endif -%}
{%- endmacro %}
