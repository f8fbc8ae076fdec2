{#- The domain part of a cleaned e-mail (lower-case), for rules such as free-mail. -#}
{% macro leadscore_email_domain(email_expression) -%}
    nullif({{ dbt.split_part(email_expression, "'@'", 2) }}, '')
{%- endmacro %}
