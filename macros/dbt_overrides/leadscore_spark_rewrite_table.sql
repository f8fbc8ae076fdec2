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
