{#- One row per `|`-separated value of a text column (the operand of in / not_in), trimmed:
    (key, listed_value). -#}
{% macro leadscore_split_to_rows(relation, key_column, text_column) -%}
    {{ return(adapter.dispatch('leadscore_split_to_rows', 'leadscore')(relation, key_column, text_column)) }}
{%- endmacro %}

{% macro default__leadscore_split_to_rows(relation, key_column, text_column) -%}
    select {{ key_column }}, trim(listed_value) as listed_value
    from {{ relation }}
    cross join lateral unnest(string_to_array({{ text_column }}, '|')) as split_values (listed_value)
{%- endmacro %}

{% macro duckdb__leadscore_split_to_rows(relation, key_column, text_column) -%}
    select {{ key_column }}, trim(unnest(string_split({{ text_column }}, '|'))) as listed_value
    from {{ relation }}
{%- endmacro %}

{% macro spark__leadscore_split_to_rows(relation, key_column, text_column) -%}
    select {{ key_column }}, trim(listed_value) as listed_value
    from {{ relation }}
    lateral view explode(split({{ text_column }}, '[|]')) split_values as listed_value
{%- endmacro %}
