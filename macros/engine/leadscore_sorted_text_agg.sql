{#- The values of a text expression in a group, sorted, joined by `delimiter` (a SQL
    expression): an aggregate whose result does not depend on row order. -#}
{% macro leadscore_sorted_text_agg(measure, delimiter) -%}
    {{ return(adapter.dispatch('leadscore_sorted_text_agg', 'leadscore')(measure, delimiter)) }}
{%- endmacro %}

{% macro default__leadscore_sorted_text_agg(measure, delimiter) -%}
    {{ return(dbt.listagg(measure, delimiter, 'order by ' ~ measure)) }}
{%- endmacro %}

{#- dbt-spark's listagg ignores the order: the collected values are sorted instead. -#}
{% macro spark__leadscore_sorted_text_agg(measure, delimiter) -%}
    array_join(array_sort(collect_list({{ measure }})), {{ delimiter }})
{%- endmacro %}
