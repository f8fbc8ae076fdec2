{#- A post-hook of every model: planner statistics for a table just built. Postgres has none
    until autovacuum gets to it, and plans the next model's joins as nested loops meanwhile
    (one demo join took 150 s instead of 0.1 s); DuckDB keeps its statistics as it writes. -#}
{% macro leadscore_analyze_table() -%}
    {{ return(adapter.dispatch('leadscore_analyze_table', 'leadscore')()) }}
{%- endmacro %}

{% macro default__leadscore_analyze_table() -%}
    {%- if execute and model.config.materialized in ['table', 'incremental'] -%}
        analyze {{ this }}
    {%- endif -%}
{%- endmacro %}

{% macro duckdb__leadscore_analyze_table() -%}
{%- endmacro %}

{#- Spark plans joins from the files' sizes (its cost-based optimizer, which would use
    computed statistics, is off by default): nothing to do. -#}
{% macro spark__leadscore_analyze_table() -%}
{%- endmacro %}
