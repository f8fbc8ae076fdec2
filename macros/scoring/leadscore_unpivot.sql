{#- (key, attribute_name, attribute_value) rows: one per column and row, the value as text. -#}
{% macro leadscore_unpivot(relation, key_column, columns) -%}
    {{ return(adapter.dispatch('leadscore_unpivot', 'leadscore')(relation, key_column, columns)) }}
{%- endmacro %}

{% macro default__leadscore_unpivot(relation, key_column, columns) -%}
    {%- for column in columns %}
    select
        {{ key_column }},
        {{ leadscore_string_literal(column) }} as attribute_name,
        cast({{ leadscore_quote_identifier(column) }} as {{ dbt.type_string() }}) as attribute_value
    from {{ relation }}
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
{%- endmacro %}

{% macro duckdb__leadscore_unpivot(relation, key_column, columns) -%}
    {%- set quoted = [] -%}
    {%- for column in columns -%}
        {%- do quoted.append(leadscore_quote_identifier(column)) -%}
    {%- endfor -%}
    select
        {{ key_column }},
        attribute_name,
        attribute_value
    from (
        unpivot (select {{ key_column }}, {{ quoted | join(', ') }} from {{ relation }})
        on {{ quoted | join(', ') }}
        into name attribute_name value attribute_value
    )
{%- endmacro %}
