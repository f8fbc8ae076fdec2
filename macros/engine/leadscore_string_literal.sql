{#- A value as a SQL string literal. Any text that comes from outside the code (file
    paths, column names found in the input, vars) is quoted by this macro or
    leadscore_quote_identifier, and nowhere else. -#}
{% macro leadscore_string_literal(value) -%}
    {{ return(adapter.dispatch('leadscore_string_literal', 'leadscore')(value)) }}
{%- endmacro %}

{% macro default__leadscore_string_literal(value) -%}
    '{{ (value | string).replace("'", "''") }}'
{%- endmacro %}

{#- Spark reads backslash escapes in string literals ('\b' would be a backspace): a
    backslash is doubled as well as a single quote. -#}
{% macro spark__leadscore_string_literal(value) -%}
    '{{ (value | string).replace('\\', '\\\\').replace("'", "''") }}'
{%- endmacro %}
