{#- The room each delivery file gets in row positions (leadscore_numbered_input): a row's
    position is its file's delivery_number * this + its row in the file. -#}
{% macro leadscore_delivery_span() -%}
    {{ return(10000000000) }}
{%- endmacro %}
