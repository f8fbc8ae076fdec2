{#- dbt-spark's incremental materialization knows append, merge, insert_overwrite and
    microbatch only, and builds their SQL itself instead of looking a strategy's macro up
    by name as dbt does elsewhere: this wrapper and dbt_spark_get_incremental_sql let the project's `replace` and
    dbt's `delete+insert` through to their macros (get_incremental_replace_sql,
    get_incremental_delete_insert_sql) and hand every other strategy to dbt-spark
    unchanged. -#}
{% macro dbt_spark_validate_get_incremental_strategy(raw_strategy, file_format) -%}
    {%- if raw_strategy in ['replace', 'delete+insert'] -%}
        {{ return(raw_strategy) }}
    {%- endif -%}
    {{ return(dbt.dbt_spark_validate_get_incremental_strategy(raw_strategy, file_format)) }}
{%- endmacro %}
