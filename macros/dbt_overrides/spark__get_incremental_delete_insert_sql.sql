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
