{#- The var leadscore_placeholder_values, lower-cased and trimmed, as comma-separated string
    literals (for leadscore_is_placeholder). -#}
{% macro leadscore_placeholder_list() -%}
    {%- set values = [] -%}
    {%- for value in var('leadscore_placeholder_values') -%}
        {%- do values.append(value | lower | trim) -%}
    {%- endfor -%}
    {{- leadscore_string_literal_list(values) -}}
{%- endmacro %}
