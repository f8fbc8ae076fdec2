{#- The custom attribute columns (attr__<name>) the base model of a table carries. -#}
{% macro leadscore_custom_attribute_columns(table_name) -%}
    {%- set source = leadscore_input_source(table_name) -%}
    {%- set mapping = leadscore_input_column_mapping(table_name, source.columns) -%}
    {%- set names = [] -%}
    {%- for custom in mapping.custom -%}
        {%- do names.append('attr__' ~ custom.normalized) -%}
    {%- endfor -%}
    {{- return(names) -}}
{%- endmacro %}
