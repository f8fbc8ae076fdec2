{% test rows_are_conserved(model, kept_model, quarantine_model, erased_model=none) %}
    {{ leadscore_rows_not_conserved(model, kept_model, quarantine_model, erased_model) }}
{% endtest %}
