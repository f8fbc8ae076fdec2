{#- A 64-bit float on every engine (leadscore_type_double() is 32-bit FLOAT on DuckDB, too coarse
    for decayed points and revenue). -#}
{% macro leadscore_type_double() -%}
    {{ return(adapter.dispatch('leadscore_type_double', 'leadscore')()) }}
{%- endmacro %}

{% macro default__leadscore_type_double() -%}
    double precision
{%- endmacro %}

{% macro duckdb__leadscore_type_double() -%}
    double
{%- endmacro %}

{% macro spark__leadscore_type_double() -%}
    double
{%- endmacro %}
