{#- Phone from cleaned text, kept as written (formats differ by country); null when it
    holds fewer than 7 digits, which no dialable number has. -#}
{% macro leadscore_clean_phone(text_expression) -%}
    case
        when length({{ leadscore_regexp_replace_all(text_expression, '[^0-9]', '') }}) >= 7
            then {{ text_expression }}
    end
{%- endmacro %}
