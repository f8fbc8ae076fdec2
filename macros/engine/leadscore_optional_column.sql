{#- A column of `relation` that older files may lack: its name when the relation has it,
    else a typed null text, so a seed written before the column existed still loads. A unit
    test's fixture names its own columns (dbt fills the rest with nulls). -#}
{% macro leadscore_optional_column(relation, name) -%}
    {%- if not execute or model.resource_type == 'unit_test' -%}
        {{- return(name) -}}
    {%- endif -%}
    {%- set columns = adapter.get_columns_in_relation(relation) | map(attribute='name') | map('lower') | list -%}
    {%- if name | lower in columns -%}
        {{- return(name) -}}
    {%- endif -%}
    {{- return('cast(null as ' ~ dbt.type_string() ~ ')') -}}
{%- endmacro %}
