{#- A categorical code (activity_type, outcome, channel): cleaned text, lower-cased,
    runs of spaces, hyphens and other punctuation as one `_` ("Email Open" -> email_open). -#}
{% macro leadscore_clean_code(column) -%}
    nullif(trim(both '_' from {{ adapter.dispatch('leadscore_regexp_replace_all', 'leadscore')(
        'lower(' ~ leadscore_clean_text(column) ~ ')', '[^a-z0-9]+', '_') }}), '')
{%- endmacro %}

{% macro default__leadscore_regexp_replace_all(expression, pattern, replacement) -%}
    regexp_replace({{ expression }}, {{ leadscore_string_literal(pattern) }}, {{ leadscore_string_literal(replacement) }}, 'g')
{%- endmacro %}

{% macro spark__leadscore_regexp_replace_all(expression, pattern, replacement) -%}
    regexp_replace({{ expression }}, {{ leadscore_string_literal(pattern) }}, {{ leadscore_string_literal(replacement) }})
{%- endmacro %}
