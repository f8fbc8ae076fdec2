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
    reads it, which the new state does (its temp relation is a view over {{ this }}). The
    new state is first written to a table of its own, `<model>__leadscore_replace`; the old
    table is then dropped and the new one renamed in its place. Not atomic: a failure
    between the two leaves no table, and the next run rebuilds the state from scratch. -#}
{% macro spark__get_incremental_replace_sql(arg_dict) -%}
    {%- set target = arg_dict['target_relation'] -%}
    {%- set columns = get_quoted_csv(arg_dict['dest_columns'] | map(attribute='name')) -%}
    {%- set staged = target.incorporate(path={'identifier': target.identifier ~ '__leadscore_replace'}) -%}
    {%- do run_query('drop table if exists ' ~ staged) -%}
    {%- do run_query('create table ' ~ staged ~ ' using ' ~ config.get('file_format', 'parquet')
        ~ ' as select ' ~ columns ~ ' from ' ~ arg_dict['temp_relation']) -%}
    {%- do run_query('drop table ' ~ target) -%}
    alter table {{ staged }} rename to {{ target }}
{%- endmacro %}


{#- dbt-spark's incremental materialization knows append, merge, insert_overwrite and
    microbatch only, and builds their SQL itself instead of looking a strategy's macro up
    by name as dbt does elsewhere: these two wrappers let `replace` through to
    get_incremental_replace_sql and hand every other strategy to dbt-spark unchanged. -#}
{% macro dbt_spark_validate_get_incremental_strategy(raw_strategy, file_format) -%}
    {%- if raw_strategy == 'replace' -%}
        {{ return(raw_strategy) }}
    {%- endif -%}
    {{ return(dbt.dbt_spark_validate_get_incremental_strategy(raw_strategy, file_format)) }}
{%- endmacro %}

{% macro dbt_spark_get_incremental_sql(strategy, source, target, existing, unique_key, incremental_predicates) -%}
    {%- if strategy == 'replace' -%}
        {{ return(get_incremental_replace_sql({
            'target_relation': target,
            'temp_relation': source,
            'unique_key': unique_key,
            'dest_columns': adapter.get_columns_in_relation(target),
            'incremental_predicates': incremental_predicates
        })) }}
    {%- endif -%}
    {{ return(dbt.dbt_spark_get_incremental_sql(strategy, source, target, existing, unique_key, incremental_predicates)) }}
{%- endmacro %}
