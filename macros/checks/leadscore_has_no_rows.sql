{#- Returns one explaining row when `model` is empty: an empty leads input must stop the
    run before anything downstream is built or published. -#}
{% macro leadscore_has_no_rows(model) -%}
select
    {{ leadscore_string_literal(model) }} as relation_name,
    0 as row_count,
    'the table is empty: an empty leads input stops the run' as problem
from (select count(*) as row_count from {{ model }}) as counted
where counted.row_count = 0
{%- endmacro %}
