{#- Text with every run of white space folded to one space, then trimmed; values that are
    then placeholders (the var leadscore_placeholder_values: 'Select', 'unknown', 'N/A',
    empty, ...; case ignored) become null. Folding comes first so that white space other
    than spaces at either end (a tab, a line break) is trimmed too, and a placeholder
    surrounded or split by it is still one. -#}
{% macro leadscore_clean_text(column) -%}
    {%- set folded = 'trim(' ~ leadscore_fold_whitespace(column) ~ ')' -%}
    case
        when {{ leadscore_is_placeholder(folded) }} then null
        else {{ folded }}
    end
{%- endmacro %}
