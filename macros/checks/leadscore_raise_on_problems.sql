{#- Runs a problems query (rows of (subject, problem)) and, when it returns any, stops the
    build with one message naming every row, so a malformed rule is fixed at once rather
    than searched for. Used by the validation tests of the rule seeds. -#}
{% macro leadscore_raise_on_problems(problems_sql, seed_name) -%}
    {%- if execute -%}
        {%- set found = run_query(problems_sql) -%}
        {%- if found.rows | length > 0 -%}
            {%- set lines = [] -%}
            {%- for row in found.rows -%}
                {%- do lines.append('  - ' ~ row[0] ~ ': ' ~ row[1]) -%}
            {%- endfor -%}
            {{ exceptions.raise_compiler_error(
                "leadscore: the " ~ seed_name ~ " seed has " ~ found.rows | length
                ~ " problem(s); nothing was scored. Fix these rows in seeds/" ~ seed_name ~ ".csv:\n"
                ~ lines | join('\n')) }}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}
