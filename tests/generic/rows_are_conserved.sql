{% test rows_are_conserved(model, kept_model, quarantine_model) %}
    {{ leadscore_rows_not_conserved(model, kept_model, quarantine_model) }}
{% endtest %}
