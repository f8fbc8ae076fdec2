{#- The rows of one located input (leadscore_input_source) with their position in the
    input, 1-based, as __leadscore_row_number, followed by the input's own columns. Where the
    source can say a row's position itself (DuckDB's Parquet reader), that is used;
    otherwise rows are numbered in the order they are read. -#}
{% macro leadscore_numbered_input(source) -%}
    {{ return(adapter.dispatch('leadscore_numbered_input', 'leadscore')(source)) }}
{%- endmacro %}

{% macro default__leadscore_numbered_input(source) -%}
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

{#- Spark's row_number() needs an order: monotonically_increasing_id() grows with the
    file split and the row inside it, so it follows the file's order (a CSV file is read
    as one split, multiLine; a Parquet file's splits come in file order). Spark's
    row_number() is a 32-bit int: cast to bigint, as on DuckDB. -#}
{% macro spark__leadscore_numbered_input(source) -%}
    select
        cast(row_number() over (order by monotonically_increasing_id()) as bigint) as __leadscore_row_number,
        raw_input.*
    from {{ source.relation }} as raw_input
{%- endmacro %}
