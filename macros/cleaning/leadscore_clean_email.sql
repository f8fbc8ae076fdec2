{#- E-mail from cleaned text: lower-cased (addresses compare case-insensitively in
    practice, so two spellings of one address de-duplicate); null when it is not of the
    form local@domain.tld. -#}
{% macro leadscore_clean_email(text_expression) -%}
    case
        when {{ leadscore_is_valid_email('lower(' ~ text_expression ~ ')') }}
            then lower({{ text_expression }})
    end
{%- endmacro %}
