{#- dbt's `where` config of a data test, plus two placeholders:
    - `{tested}` stands for the relation under test, so that a test can be limited to rows
      found by a query on that same relation;
    - `{judged_by_this_run}` is true for the event store's rows this run judged: those judged
      after the var `leadscore_judged_before` (the main job sets it for its build step to the newest
      judging time before the run; a run that judged nothing then tests no row), else those
      of the newest judging time (a dbt build that starts from nothing: every row).
      where: "{judged_by_this_run}"
    When the var `leadscore_every_row_judged` is true (the main job's full build: this run judged
    every stored event), a filter that names `{judged_by_this_run}` is left out: it would keep
    every row anyway, and on Postgres the test then reads the store once, not twice (the
    unique key test at S: 2.9 s instead of 6.5 s).
    A test of the event store then costs what the run delivered, not the whole history. The
    placeholders are replaced when the test runs, with the command's vars (not when the project
    is parsed). Found before dbt's own through the project's dispatch config. -#}
{% macro default__get_where_subquery(relation) -%}
    {%- set where = config.get('where', '') -%}
    {%- if where and not (var('leadscore_every_row_judged', false) and '{judged_by_this_run}' in where) -%}
        {%- if var('leadscore_judged_before', none) -%}
            {%- set this_run = 'triaged_at > cast(' ~ leadscore_string_literal(var('leadscore_judged_before')) ~ ' as ' ~ dbt.type_timestamp() ~ ')' -%}
        {%- else -%}
            {%- set this_run = 'triaged_at = (select max(triaged_at) from {tested})' -%}
        {%- endif -%}
        {%- set filtered -%}
            (select * from {{ relation }} where {{ where | replace('{judged_by_this_run}', this_run) | replace('{tested}', relation | string) }}) dbt_subquery
        {%- endset -%}
        {{- return(filtered) -}}
    {%- endif -%}
    {{- return(relation) -}}
{%- endmacro %}
