{#- Stops the run, naming the table and the column, when an input table that is present
    lacks a required column. Called at the top of each staging model: the base model
    leaves such a column out so that the input checks can report it first. -#}
{% macro leadscore_require_input_columns(table_name) -%}
    {%- if execute -%}
        {%- set contract = leadscore_input_contract(table_name) -%}
        {%- set source = leadscore_input_source(table_name) -%}
        {%- if source.found -%}
            {%- set mapping = leadscore_input_column_mapping(table_name, source.columns) -%}
            {%- set headerless = namespace(value=leadscore_is_headerless(source.columns)) -%}
            {%- for required in contract.required if required not in mapping.recognised -%}
                {{ exceptions.raise_compiler_error("leadscore: input table '" ~ table_name ~ "' (" ~ source.location ~ ") has no column '" ~ required ~ "', which is required; columns found: " ~ source.columns | join(', ')
                    ~ ("; the file is empty or has no header row" if headerless.value else "")) }}
            {%- endfor -%}
            {%- set one_of = contract.get('required_one_of', []) -%}
            {%- if one_of and (one_of | select('in', mapping.recognised) | list | length) == 0 -%}
                {{ exceptions.raise_compiler_error("leadscore: input table '" ~ table_name ~ "' (" ~ source.location ~ ") needs a column " ~ one_of | join(' or ') ~ "; columns found: " ~ source.columns | join(', ')) }}
            {%- endif -%}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}
