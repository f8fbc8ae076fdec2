{% test unique_combination(model, columns) %}
    {{ leadscore_duplicate_combinations(model, columns) }}
{% endtest %}
