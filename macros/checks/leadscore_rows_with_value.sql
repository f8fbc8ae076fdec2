{#- The rows of `model` where `column_name` is not null, with their raw row number, to
    explain a data-quality warning. -#}
{% macro leadscore_rows_with_value(model, column_name) -%}
select
    raw_row_number,
    {{ column_name }} as value_found
from {{ model }}
where {{ column_name }} is not null
{%- endmacro %}
