{#- Quoting helpers: any text that comes from outside the code (file paths, column
    names found in the input, vars) is quoted here and nowhere else. -#}
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


{#- A list of values as comma-separated string literals (for `in (...)`). -#}
{% macro leadscore_string_literal_list(values) -%}
    {%- set literals = [] -%}
    {%- for value in values -%}
        {%- do literals.append(leadscore_string_literal(value)) -%}
    {%- endfor -%}
    {{- literals | join(', ') -}}
{%- endmacro %}


{#- `column in ('a', 'b')`, or false for an empty list (SQL has no empty IN list). -#}
{% macro leadscore_in_list(column, values) -%}
    {%- if values | length == 0 -%}
        {{- return('false') -}}
    {%- endif -%}
    {{- return(column ~ ' in (' ~ leadscore_string_literal_list(values) ~ ')') -}}
{%- endmacro %}
