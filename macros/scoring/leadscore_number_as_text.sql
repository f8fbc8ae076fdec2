{#- A number as rules see it in text comparisons: whole numbers without a decimal part
    (employee_count 20 -> "20", not "20.0"), others as the engine writes them. -#}
{% macro leadscore_number_as_text(number_expression) -%}
    case
        when {{ number_expression }} = round({{ number_expression }}) and abs({{ number_expression }}) < 1e15
            then cast(cast({{ number_expression }} as {{ dbt.type_bigint() }}) as {{ dbt.type_string() }})
        else cast({{ number_expression }} as {{ dbt.type_string() }})
    end
{%- endmacro %}
