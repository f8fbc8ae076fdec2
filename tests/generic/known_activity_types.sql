{% test known_activity_types(model, activities_model) %}
    {{ leadscore_unknown_activity_types(model, activities_model) }}
{% endtest %}
