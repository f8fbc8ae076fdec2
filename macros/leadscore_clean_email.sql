{#- E-mail: trimmed and lower-cased (addresses compare case-insensitively in
    practice, so two spellings of one address de-duplicate); null when it is not of the
    form local@domain.tld. -#}
{% macro leadscore_clean_email(column) -%}
    case
        when {{ leadscore_is_valid_email('lower(' ~ leadscore_clean_text(column) ~ ')') }}
            then lower({{ leadscore_clean_text(column) }})
    end
{%- endmacro %}

{#- True when the text looks like an e-mail: one @, no spaces, a dot in the domain. -#}
{% macro leadscore_is_valid_email(expression) -%}
    {{ adapter.dispatch('leadscore_regex_matches', 'leadscore')(
        expression, "^[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+$") }}
{%- endmacro %}
