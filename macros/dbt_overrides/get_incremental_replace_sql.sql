{#- Incremental strategy `replace`: the model's query returns the complete new table (a
    state computed from its previous self, {{ this }}, plus new events), which replaces
    the old rows in one transaction. dbt looks this macro up by the strategy's name. -#}
{% macro get_incremental_replace_sql(arg_dict) -%}
    {{ return(adapter.dispatch('get_incremental_replace_sql', 'leadscore')(arg_dict)) }}
{%- endmacro %}

{% macro default__get_incremental_replace_sql(arg_dict) -%}
    {%- set columns = get_quoted_csv(arg_dict['dest_columns'] | map(attribute='name')) -%}
    delete from {{ arg_dict['target_relation'] }};
    insert into {{ arg_dict['target_relation'] }} ({{ columns }})
    select {{ columns }} from {{ arg_dict['temp_relation'] }}
{%- endmacro %}

{#- Spark (Parquet tables): no delete, and a table cannot be overwritten by a query that
    reads it, which the new state does (its temp relation is a view over {{ this }}): see
    leadscore_spark_rewrite_table. -#}
{% macro spark__get_incremental_replace_sql(arg_dict) -%}
    {%- set columns = get_quoted_csv(arg_dict['dest_columns'] | map(attribute='name')) -%}
    {{ return(leadscore_spark_rewrite_table(
        arg_dict['target_relation'],
        'select ' ~ columns ~ ' from ' ~ arg_dict['temp_relation'])) }}
{%- endmacro %}
