{#- The CSV delimiter of a file, from its first line: the most frequent of , ; tab |
    (a comma when none occurs). -#}
{% macro leadscore_sniff_delimiter(path) -%}
    {%- set first = run_query("select value from text." ~ leadscore_quote_identifier(path) ~ " limit 1") -%}
    {%- set line = (first.rows[0][0] | string) if first.rows | length > 0 and first.rows[0][0] is not none else '' -%}
    {%- set ns = namespace(best=',', count=0) -%}
    {%- for candidate in [',', ';', '\t', '|'] -%}
        {%- if line.count(candidate) > ns.count -%}
            {%- set ns.best = candidate -%}
            {%- set ns.count = line.count(candidate) -%}
        {%- endif -%}
    {%- endfor -%}
    {{- return(ns.best) -}}
{%- endmacro %}
