{#- The placeholders (leadscore_placeholder_values) as comma-separated string literals, for
    leadscore_is_placeholder. -#}
{% macro leadscore_placeholder_list() -%}
    {{- leadscore_string_literal_list(leadscore_placeholder_values()) -}}
{%- endmacro %}
