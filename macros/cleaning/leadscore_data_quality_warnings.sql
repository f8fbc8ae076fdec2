{#- One text column listing a row's data-quality warnings (values that were present but
    unusable and so became null), e.g. "invalid_email, invalid_number:employee_count";
    null when the row has none. `checks` is a list of [condition_sql, label]. -#}
{% macro leadscore_data_quality_warnings(checks) -%}
    nullif(concat_ws(', '
    {%- for check in checks %},
        case when {{ check[0] }} then {{ leadscore_string_literal(check[1]) }} end
    {%- endfor %}
    ), '')
{%- endmacro %}
