{#- Phone: cleaned text kept as written (formats differ by country); null when it holds
    fewer than 7 digits, which no dialable number has. -#}
{% macro leadscore_clean_phone(column) -%}
    case
        when length({{ adapter.dispatch('leadscore_regexp_replace_all', 'leadscore')(
            leadscore_clean_text(column), '[^0-9]', '') }}) >= 7
            then {{ leadscore_clean_text(column) }}
    end
{%- endmacro %}
