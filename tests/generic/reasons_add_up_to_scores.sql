{% test reasons_add_up_to_scores(model, reasons_model) %}
    {{ leadscore_reasons_not_adding_up(model, reasons_model) }}
{% endtest %}
