{#- A double rounded to some decimal places, still a double (Postgres rounds to places only
    numerics). -#}
{% macro leadscore_round(expression, places) -%}
    {{ return(adapter.dispatch('leadscore_round', 'leadscore')(expression, places)) }}
{%- endmacro %}

{% macro default__leadscore_round(expression, places) -%}
    round({{ expression }}, {{ places }})
{%- endmacro %}

{% macro postgres__leadscore_round(expression, places) -%}
    cast(round(cast({{ expression }} as numeric), {{ places }}) as double precision)
{%- endmacro %}
