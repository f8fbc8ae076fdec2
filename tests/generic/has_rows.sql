{% test has_rows(model) %}
    {{ leadscore_has_no_rows(model) }}
{% endtest %}
