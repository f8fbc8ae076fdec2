{#- A number from cleaned text (employee_count, annual_revenue, amount): thousands separators,
    currency signs and spaces are dropped ("1,200" -> 1200, "$ 5000" -> 5000); anything
    that is still not a finite number becomes null. -#}
{% macro leadscore_parse_number(text_expression) -%}
    {{ return(adapter.dispatch('leadscore_parse_number', 'leadscore')(text_expression)) }}
{%- endmacro %}

{% macro default__leadscore_parse_number(text_expression) -%}
    {%- set stripped = leadscore_regexp_replace_all(text_expression, '[,$€£\\s_]', '') -%}
    {%- set parsed = dbt.safe_cast(stripped, leadscore_type_double()) -%}
    {#- x - x = 0 holds for finite numbers only: "1e999" overflows to infinity on some
        engines, and infinity - infinity is NaN -#}
    case
        when {{ leadscore_regex_matches(
            stripped, '^[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?$') }}
            and {{ parsed }} - {{ parsed }} = 0
            then {{ parsed }}
    end
{%- endmacro %}
