{% test known_rule_fields(model, conditions_model, fields_model) %}
    {{ leadscore_unknown_rule_fields(conditions_model, fields_model) }}
{% endtest %}
