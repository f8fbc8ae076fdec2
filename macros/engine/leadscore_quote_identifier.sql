{#- A name found in the input as a SQL identifier (with leadscore_string_literal, the only
    place outside text is quoted). -#}
{% macro leadscore_quote_identifier(name) -%}
    {{ return(adapter.dispatch('leadscore_quote_identifier', 'leadscore')(name)) }}
{%- endmacro %}

{% macro default__leadscore_quote_identifier(name) -%}
    "{{ (name | string).replace('"', '""') }}"
{%- endmacro %}

{#- Spark quotes identifiers with backticks (a double-quoted name is a string there). -#}
{% macro spark__leadscore_quote_identifier(name) -%}
    `{{ (name | string).replace('`', '``') }}`
{%- endmacro %}
