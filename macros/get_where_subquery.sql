{#- dbt's `where` config of a data test, plus one placeholder: `{tested}` stands for the
    relation under test, so that a test can be limited to rows found by a query on that
    same relation, e.g. the rows the latest run judged:
        where: "triaged_at = (select max(triaged_at) from {tested})"
    (a test of the event store then costs what the run delivered, not the whole history).
    Found before dbt's own through the project's dispatch config. -#}
{% macro default__get_where_subquery(relation) -%}
    {%- set where = config.get('where', '') -%}
    {%- if where -%}
        {%- set filtered -%}
            (select * from {{ relation }} where {{ where | replace('{tested}', relation | string) }}) dbt_subquery
        {%- endset -%}
        {{- return(filtered) -}}
    {%- endif -%}
    {{- return(relation) -}}
{%- endmacro %}
