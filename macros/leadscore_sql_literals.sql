{#- Quoting helpers: any text that comes from outside the code (file paths, column
    names found in the input, vars) is quoted here and nowhere else. -#}
{% macro leadscore_string_literal(value) -%}
    '{{ (value | string).replace("'", "''") }}'
{%- endmacro %}

{% macro leadscore_quote_identifier(name) -%}
    "{{ (name | string).replace('"', '""') }}"
{%- endmacro %}
