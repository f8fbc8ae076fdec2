{#- The relation a model of this project was built as in the current target, or none
    (not built yet, or at parse time). -#}
{% macro leadscore_model_relation(model_name) -%}
    {%- if not execute -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set node = graph.get('nodes', {}).get('model.leadscore.' ~ model_name) -%}
    {%- if node is none -%}
        {{ return(none) }}
    {%- endif -%}
    {{ return(adapter.get_relation(database=node.database, schema=node.schema, identifier=node.alias)) }}
{%- endmacro %}
