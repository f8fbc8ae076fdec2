{#- The whole raw row as one text value (JSON where the engine has it), kept in
    quarantine so a bad row can be read and fixed at its source. -#}
{% macro leadscore_row_as_text(relation_alias) -%}
    {{ return(adapter.dispatch('leadscore_row_as_text', 'leadscore')(relation_alias)) }}
{%- endmacro %}

{% macro default__leadscore_row_as_text(relation_alias) -%}
    cast(row_to_json({{ relation_alias }}) as {{ dbt.type_string() }})
{%- endmacro %}

{% macro duckdb__leadscore_row_as_text(relation_alias) -%}
    cast(to_json({{ relation_alias }}) as {{ dbt.type_string() }})
{%- endmacro %}

{% macro spark__leadscore_row_as_text(relation_alias) -%}
    to_json(struct({{ relation_alias }}.*))
{%- endmacro %}
