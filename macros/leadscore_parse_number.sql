{#- A numeric text (employee_count, annual_revenue, amount): thousands separators,
    currency signs and spaces are dropped ("1,200" -> 1200, "$ 5000" -> 5000); anything
    that is still not a finite number becomes null. -#}
{% macro leadscore_parse_number(column) -%}
    {{ adapter.dispatch('leadscore_parse_number', 'leadscore')(column) }}
{%- endmacro %}

{% macro default__leadscore_parse_number(column) -%}
    {%- set stripped = adapter.dispatch('leadscore_regexp_replace_all', 'leadscore')(
        leadscore_clean_text(column), '[,$€£\\s_]', '') -%}
    case
        when {{ adapter.dispatch('leadscore_regex_matches', 'leadscore')(
            stripped, '^[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?$') }}
            then {{ dbt.safe_cast(stripped, dbt.type_float()) }}
    end
{%- endmacro %}
