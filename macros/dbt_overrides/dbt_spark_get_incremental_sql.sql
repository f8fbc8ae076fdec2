{#- dbt-spark's own macro, wrapped (as dbt_spark_validate_get_incremental_strategy is): the
    project's `replace` and dbt's `delete+insert` go to their macros
    (get_incremental_replace_sql, get_incremental_delete_insert_sql); every other strategy
    to dbt-spark unchanged. -#}
{% macro dbt_spark_get_incremental_sql(strategy, source, target, existing, unique_key, incremental_predicates) -%}
    {%- set arg_dict = {
        'target_relation': target,
        'temp_relation': source,
        'unique_key': unique_key,
        'dest_columns': adapter.get_columns_in_relation(target),
        'incremental_predicates': incremental_predicates
    } -%}
    {%- if strategy == 'replace' -%}
        {{ return(get_incremental_replace_sql(arg_dict)) }}
    {%- elif strategy == 'delete+insert' -%}
        {{ return(get_incremental_delete_insert_sql(arg_dict)) }}
    {%- endif -%}
    {{ return(dbt.dbt_spark_get_incremental_sql(strategy, source, target, existing, unique_key, incremental_predicates)) }}
{%- endmacro %}
