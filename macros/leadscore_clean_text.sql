{#- Trimmed text with inner runs of white space folded to one space; placeholders
    (the var placeholder_values: 'Select', 'unknown', 'N/A', empty, ...) become null. -#}
{% macro leadscore_clean_text(column) -%}
    case
        when lower(trim({{ column }})) in ({{ leadscore_placeholder_list() }}) then null
        else {{ leadscore_fold_whitespace('trim(' ~ column ~ ')') }}
    end
{%- endmacro %}

{% macro leadscore_placeholder_list() -%}
    {%- set literals = [] -%}
    {%- for value in var('placeholder_values') -%}
        {%- do literals.append(leadscore_string_literal(value | lower | trim)) -%}
    {%- endfor -%}
    {{- literals | join(', ') -}}
{%- endmacro %}
