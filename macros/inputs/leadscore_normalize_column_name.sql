{#- docs/CONTRACT.md section 1: lower-case, every run of spaces and punctuation becomes one
    `_`, leading and trailing `_` dropped ("Total Time Spent on Website" ->
    total_time_spent_on_website, 'Weird; "Col"' -> weird_col). -#}
{% macro leadscore_normalize_column_name(name) -%}
    {%- set collapsed = modules.re.sub('[\\W_]+', '_', (name | string).lower()) -%}
    {{- return(collapsed.strip('_')) -}}
{%- endmacro %}
