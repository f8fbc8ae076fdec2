{#- The custom attribute columns of an input table as select-list items, each followed by a
    comma (nothing when the input has none), so a model can place them before its own
    columns: `attr__a, attr__b,` or, with clean=true, `<cleaned attr__a> as attr__a, ...`. -#}
{% macro leadscore_custom_attribute_list(table_name, relation_prefix='', clean=false) -%}
    {%- for column in leadscore_custom_attribute_columns(table_name) -%}
        {%- if clean -%}
            {{ leadscore_clean_text(relation_prefix ~ column) }} as {{ column }},
        {%- else -%}
            {{ relation_prefix ~ column }},
        {%- endif %} {% endfor -%}
{%- endmacro %}
