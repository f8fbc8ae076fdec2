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

{#- dbt's delete+insert (lead_score_history: a re-run of a date replaces that date's rows)
    on Spark, which has no delete on Parquet tables: the table is rewritten as its rows
    whose unique_key the new rows do not have, plus the new rows. -#}
{% macro spark__get_incremental_delete_insert_sql(arg_dict) -%}
    {%- set target = arg_dict['target_relation'] -%}
    {%- set source = arg_dict['temp_relation'] -%}
    {%- set unique_key = arg_dict['unique_key'] -%}
    {%- set keys = [unique_key] if unique_key is string else unique_key -%}
    {%- set columns = get_quoted_csv(arg_dict['dest_columns'] | map(attribute='name')) -%}
    {%- if not keys -%}
        {{ exceptions.raise_compiler_error("leadscore: delete+insert needs a unique_key on Spark") }}
    {%- endif -%}
    {%- set matches = [] -%}
    {%- for key in keys -%}
        {%- do matches.append('new_rows.' ~ key ~ ' <=> old_rows.' ~ key) -%}
    {%- endfor -%}
    {%- set rewritten -%}
        select {{ columns }} from {{ target }} as old_rows
        where not exists (select 1 from {{ source }} as new_rows where {{ matches | join(' and ') }})
        union all
        select {{ columns }} from {{ source }}
    {%- endset -%}
    {{ return(leadscore_spark_rewrite_table(target, rewritten)) }}
{%- endmacro %}

{#- Replaces a Spark table by the result of a query that may read the table itself: the
    result is first written to a table of its own, `<table>__leadscore_replace`, then the
    old table is dropped and the new one renamed in its place. Returns the rename, the
    statement the materialization runs. Not atomic: a failure between the drop and the
    rename leaves no table, and the next run builds it from scratch (as on the first run). -#}
{% macro leadscore_spark_rewrite_table(target, select_sql) -%}
    {%- set staged = target.incorporate(path={'identifier': target.identifier ~ '__leadscore_replace'}) -%}
    {%- do run_query('drop table if exists ' ~ staged) -%}
    {%- do run_query('create table ' ~ staged ~ ' using ' ~ config.get('file_format', 'parquet') ~ ' as ' ~ select_sql) -%}
    {%- do run_query('drop table ' ~ target) -%}
    {{ return('alter table ' ~ staged ~ ' rename to ' ~ target) }}
{%- endmacro %}


{#- dbt-spark's incremental materialization knows append, merge, insert_overwrite and
    microbatch only, and builds their SQL itself instead of looking a strategy's macro up
    by name as dbt does elsewhere: these two wrappers let the project's `replace` and
    dbt's `delete+insert` through to their macros (get_incremental_replace_sql,
    get_incremental_delete_insert_sql) and hand every other strategy to dbt-spark
    unchanged. -#}
{% macro dbt_spark_validate_get_incremental_strategy(raw_strategy, file_format) -%}
    {%- if raw_strategy in ['replace', 'delete+insert'] -%}
        {{ return(raw_strategy) }}
    {%- endif -%}
    {{ return(dbt.dbt_spark_validate_get_incremental_strategy(raw_strategy, file_format)) }}
{%- endmacro %}

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
