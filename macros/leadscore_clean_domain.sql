{#- A web domain: lower-case, without scheme, "www." and path ("https://www.Acme.com/x"
    -> acme.com), so it compares with e-mail domains. -#}
{% macro leadscore_clean_domain(column) -%}
    nullif({{ dbt.split_part(
        adapter.dispatch('leadscore_regexp_replace_all', 'leadscore')(
            'lower(' ~ leadscore_clean_text(column) ~ ')', '^([a-z]+://)?(www\\.)?', ''),
        "'/'", 1) }}, '')
{%- endmacro %}
