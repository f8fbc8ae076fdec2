{#- A CTE's materialization hint, written between `as` and the CTE's parenthesis
    (`with x as {{ leadscore_cte_hint('not materialized') }}(`): `materialized` or
    `not materialized`, followed by a space ('' leaves the choice to the engine). DuckDB and
    Postgres honour it (Postgres always materializes a CTE that holds a volatile function,
    whatever the hint);
    Spark has no such syntax (it inlines a CTE into each use), so there it is nothing. -#}
{% macro leadscore_cte_hint(hint) -%}
    {{ return(adapter.dispatch('leadscore_cte_hint', 'leadscore')(hint)) }}
{%- endmacro %}

{% macro default__leadscore_cte_hint(hint) -%}
    {{ return(hint ~ ' ' if hint else '') }}
{%- endmacro %}

{% macro spark__leadscore_cte_hint(hint) -%}
    {{ return('') }}
{%- endmacro %}
