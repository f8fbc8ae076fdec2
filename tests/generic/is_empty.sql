{#- Warns (or fails) for every row where the column holds a value: used on
    data_quality_warnings, so each unusable value shows up in the build's output. -#}
{% test is_empty(model, column_name) %}
    {{ leadscore_rows_with_value(model, column_name) }}
{% endtest %}
