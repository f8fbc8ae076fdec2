{#- A boolean as rules see it in text comparisons: 'true', 'false', or null when unknown. -#}
{% macro leadscore_boolean_as_text(boolean_expression) -%}
    case
        when {{ boolean_expression }} then 'true'
        when not {{ boolean_expression }} then 'false'
    end
{%- endmacro %}
