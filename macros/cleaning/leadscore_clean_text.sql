{#- Trimmed text with inner runs of white space folded to one space; placeholders
    (the var leadscore_placeholder_values: 'Select', 'unknown', 'N/A', empty, ...) become null. -#}
{% macro leadscore_clean_text(column) -%}
    case
        when {{ leadscore_is_placeholder(column) }} then null
        else {{ leadscore_fold_whitespace('trim(' ~ column ~ ')') }}
    end
{%- endmacro %}
