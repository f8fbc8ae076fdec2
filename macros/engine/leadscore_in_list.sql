{#- `column in ('a', 'b')`, or false for an empty list (SQL has no empty IN list). -#}
{% macro leadscore_in_list(column, values) -%}
    {%- if values | length == 0 -%}
        {{- return('false') -}}
    {%- endif -%}
    {{- return(column ~ ' in (' ~ leadscore_string_literal_list(values) ~ ')') -}}
{%- endmacro %}
