{#- The var leadscore_placeholder_values as cleaned text would be: lower-cased, white space
    folded (the same set as leadscore_fold_whitespace) and trimmed. -#}
{% macro leadscore_placeholder_values() -%}
    {%- set values = [] -%}
    {%- for value in var('leadscore_placeholder_values') -%}
        {%- do values.append(modules.re.sub('[ \\t\\n\\v\\f\\r]+', ' ', value | lower).strip(' ')) -%}
    {%- endfor -%}
    {{- return(values) -}}
{%- endmacro %}
