{#- True when the text looks like an e-mail: one @, no spaces, a dot in the domain. -#}
{% macro leadscore_is_valid_email(expression) -%}
    {{ leadscore_regex_matches(expression, "^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$") }}
{%- endmacro %}
