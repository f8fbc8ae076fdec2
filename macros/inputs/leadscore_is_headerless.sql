{#- DuckDB names the columns of an empty or header-less file column0, column1, ... -#}
{% macro leadscore_is_headerless(columns) -%}
    {%- set named = namespace(found=false) -%}
    {%- for column in columns if not modules.re.match('^column[0-9]+$', column) -%}
        {%- set named.found = true -%}
    {%- endfor -%}
    {{- return(not named.found) -}}
{%- endmacro %}
