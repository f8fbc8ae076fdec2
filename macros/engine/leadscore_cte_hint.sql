{#- A CTE's materialization hint, written between `as` and the CTE's parenthesis
    (`with x as {{ leadscore_cte_hint('not materialized') }}(`): `materialized` or
    `not materialized` (or nothing), followed by a space. DuckDB and Postgres honour it; Spark
    has no such syntax (it inlines a CTE into each use), so there it is nothing.
    `postgres_hint`, when given, is Postgres's instead: Postgres inlines a CTE used once into
    its reader and then evaluates each computed column at every place the reader names it
    (stg_activities' parsed timestamp five times per row), and a CTE read twice is computed
    twice, where DuckDB streams the input and shares the expressions. -#}
{% macro leadscore_cte_hint(hint, postgres_hint=none) -%}
    {{ return(adapter.dispatch('leadscore_cte_hint', 'leadscore')(hint, postgres_hint)) }}
{%- endmacro %}

{% macro default__leadscore_cte_hint(hint, postgres_hint=none) -%}
    {{ return(hint ~ ' ') }}
{%- endmacro %}

{% macro postgres__leadscore_cte_hint(hint, postgres_hint=none) -%}
    {{ return((hint if postgres_hint is none else postgres_hint) ~ ' ') }}
{%- endmacro %}

{% macro spark__leadscore_cte_hint(hint, postgres_hint=none) -%}
    {{ return('') }}
{%- endmacro %}
