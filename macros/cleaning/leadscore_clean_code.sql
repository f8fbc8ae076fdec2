{#- A categorical code (activity_type, outcome, channel) from cleaned text: lower-case,
    runs of spaces, hyphens and other punctuation as one `_` ("Email Open" -> email_open). -#}
{% macro leadscore_clean_code(text_expression) -%}
    nullif(trim(both '_' from {{ leadscore_regexp_replace_all('lower(' ~ text_expression ~ ')', '[^a-z0-9]+', '_') }}), '')
{%- endmacro %}
