{#- A list of values as comma-separated string literals (for `in (...)`). -#}
{% macro leadscore_string_literal_list(values) -%}
    {%- set literals = [] -%}
    {%- for value in values -%}
        {%- do literals.append(leadscore_string_literal(value)) -%}
    {%- endfor -%}
    {{- literals | join(', ') -}}
{%- endmacro %}
