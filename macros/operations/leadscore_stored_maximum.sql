{#- The largest value of `column` in a table this run reads from its previous self (an
    incremental model's {{ this }}), as a constant: a literal makes the filter that uses it
    run inside the scan, where a subquery would be joined after every row was computed.
    In a unit test {{ this }} is a fixture, not a table: the subquery it is then. -#}
{% macro leadscore_stored_maximum(relation, column, where='true') -%}
    {%- set query = 'select max(' ~ column ~ ') from ' ~ relation ~ ' where ' ~ where -%}
    {%- if relation is string or not execute -%}
        {{ return('(' ~ query ~ ')') }}
    {%- endif -%}
    {%- set value = run_query(query).columns[0].values()[0] -%}
    {%- if value is none -%}
        {{ return('null') }}
    {%- elif value is number -%}
        {{ return(value | string) }}
    {%- else -%}
        {{ return('cast(' ~ leadscore_string_literal(value | string) ~ ' as ' ~ dbt.type_timestamp() ~ ')') }}
    {%- endif -%}
{%- endmacro %}
