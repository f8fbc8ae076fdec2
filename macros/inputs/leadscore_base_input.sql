{#- Renders the base model of one input table: one row per raw row, every value as
    text under its normalised name, absent optional columns as null, other columns
    (where the table has custom attributes) as `attr__<name>`, plus the raw row as
    text for quarantine, without the contract's personal columns (README "Personal
    data"). A missing required table, or an empty or header-less file, stops
    here. A missing required column
    is left out, so that the input checks can name it; the staging model then stops
    (leadscore_require_input_columns). -#}
{% macro leadscore_base_input(table_name) -%}
    {%- set contract = leadscore_input_contract(table_name) -%}
    {%- set source = leadscore_input_source(table_name) -%}
    {%- set mapping = leadscore_input_column_mapping(table_name, source.columns) -%}

    {%- if execute and not source.found and contract.is_required_table -%}
        {{ exceptions.raise_compiler_error("leadscore: input table '" ~ table_name ~ "' not found (looked for " ~ source.location ~ "); it is required") }}
    {%- endif -%}
    {#- An empty or header-less file has no column to check: stop here, saying so. -#}
    {%- if execute and source.found and leadscore_is_headerless(source.columns) -%}
        {{ leadscore_require_input_columns(table_name) }}
    {%- endif -%}
    {%- if execute and table_name != 'erasure_requests' -%}
        {%- do log(leadscore_describe_input(table_name, source)) -%}
    {%- endif -%}
    {#- raw_record leaves the personal columns out (docs/personal-data.md) -#}
    {%- set personal_columns = [] -%}
    {%- for column in contract.get('personal', []) if column in mapping.recognised -%}
        {%- do personal_columns.append(mapping.recognised[column]) -%}
    {%- endfor -%}
    {%- set expressions = [] -%}
    {%- for column in contract.recognised -%}
        {%- if column in mapping.recognised -%}
            {%- do expressions.append('cast(' ~ leadscore_quote_identifier(mapping.recognised[column]) ~ ' as ' ~ dbt.type_string() ~ ') as ' ~ column) -%}
        {%- elif column not in contract.required -%}
            {%- do expressions.append('cast(null as ' ~ dbt.type_string() ~ ') as ' ~ column) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- for custom in mapping.custom -%}
        {%- do expressions.append('cast(' ~ leadscore_quote_identifier(custom.original) ~ ' as ' ~ dbt.type_string() ~ ') as attr__' ~ custom.normalized) -%}
    {%- endfor %}

    {%- if source.found %}
{#- Rows are numbered below and read above: a filter on raw_row_number (an incremental run
    reads only rows appended since the last one) then runs before any value is converted. #}
select
    numbered.__leadscore_row_number as raw_row_number,
    numbered.__leadscore_delivery_file as delivery_file,
    {% if source.get('loaded_at_column') -%}
    cast({{ leadscore_quote_identifier(source.loaded_at_column) }} as {{ dbt.type_timestamp() }})
    {%- else -%}
    cast(null as {{ dbt.type_timestamp() }})
    {%- endif %} as loaded_at,
    {{ leadscore_row_as_text('numbered', '__leadscore_row_number', personal_columns, source.get('typed_columns')) }} as raw_record
    {%- for expression in expressions %},
    {{ expression }}
    {%- endfor %}
from (
    {{ leadscore_numbered_input(source) }}
) as numbered
    {%- else %}
{#- An absent optional table: empty, with the contract's columns. #}
select
    cast(null as {{ dbt.type_bigint() }}) as raw_row_number,
    cast(null as {{ dbt.type_string() }}) as delivery_file,
    cast(null as {{ dbt.type_timestamp() }}) as loaded_at,
    cast(null as {{ dbt.type_string() }}) as raw_record,
    {%- for column in contract.recognised %}
    cast(null as {{ dbt.type_string() }}) as {{ column }}{{ ',' if not loop.last }}
    {%- endfor %}
where 1 = 0
    {%- endif %}
{%- endmacro %}
