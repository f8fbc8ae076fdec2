{#- The rows of one located input (leadscore_input_source) with their position in the
    input, 1-based, as __leadscore_row_number, and the file each came from as
    __leadscore_delivery_file (null for a table), followed by the input's own columns.
    Where the source can say a row's position itself (DuckDB's Parquet reader), that is used;
    otherwise rows are numbered in the order they are read. In a folder of deliveries a
    row's position is its file's delivery_number * 10^10 plus its row in the file, so the
    rows of a later delivery always come after those of earlier ones. -#}
{% macro leadscore_numbered_input(source) -%}
    {{ return(adapter.dispatch('leadscore_numbered_input', 'leadscore')(source)) }}
{%- endmacro %}

{% macro default__leadscore_numbered_input(source) -%}
    {%- set delivery_file = leadscore_string_literal(source.delivery_files[0]) if source.get('delivery_files') else 'cast(null as ' ~ dbt.type_string() ~ ')' -%}
    {%- if source.get('delivery_relation') -%}
        {%- set quoted = [] -%}
        {%- for path in source.delivery_files -%}
            {%- do quoted.append(leadscore_string_literal(path)) -%}
        {%- endfor -%}
    select
        raw_input.file_row_number + 1
        + {{ leadscore_delivery_span() }} * list_position([{{ quoted | join(', ') }}], raw_input.filename) as __leadscore_row_number,
        raw_input.filename as __leadscore_delivery_file,
        raw_input.* exclude (file_row_number, filename)
    from {{ source.delivery_relation }} as raw_input
    {%- elif source.get('delivery_branches') -%}
        {%- for branch in source.delivery_branches %}
    select
        row_number() over () + {{ leadscore_delivery_span() }} * {{ branch.number }} as __leadscore_row_number,
        {{ leadscore_string_literal(branch.path) }} as __leadscore_delivery_file,
        raw_input.*
    from {{ branch.reader }} as raw_input
            {%- if not loop.last %}
    union all by name
            {%- endif %}
        {%- endfor %}
    {%- elif source.get('numbered_relation') -%}
    select
        raw_input.file_row_number + 1 as __leadscore_row_number,
        {{ delivery_file }} as __leadscore_delivery_file,
        raw_input.* exclude (file_row_number)
    from {{ source.numbered_relation }} as raw_input
    {%- elif source.get('physical_row_number') -%}
    select
        {{ leadscore_physical_row_number('raw_input') }} as __leadscore_row_number,
        {{ delivery_file }} as __leadscore_delivery_file,
        raw_input.*
    from {{ source.relation }} as raw_input
    {%- else -%}
    select
        row_number() over ({{ leadscore_input_row_order('raw_input', source.relation) }}) as __leadscore_row_number,
        {{ delivery_file }} as __leadscore_delivery_file,
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
        cast(null as string) as __leadscore_delivery_file,
        raw_input.*
    from {{ source.relation }} as raw_input
{%- endmacro %}
