{#- A web domain from cleaned text: lower-case, without scheme, "www." and path
    ("https://www.Acme.com/x" -> acme.com), so it compares with e-mail domains. -#}
{% macro leadscore_clean_domain(text_expression) -%}
    nullif({{ dbt.split_part(
        leadscore_regexp_replace_all('lower(' ~ text_expression ~ ')', '^([a-z]+://)?(www\\.)?', ''),
        "'/'", 1) }}, '')
{%- endmacro %}
