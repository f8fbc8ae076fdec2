{#- Case-insensitive substring test of two text expressions (a rule's `contains`). -#}
{% macro leadscore_text_contains(text_expression, needle_expression) -%}
    ({{ dbt.position('lower(' ~ needle_expression ~ ')', 'lower(' ~ text_expression ~ ')') }} > 0)
{%- endmacro %}
