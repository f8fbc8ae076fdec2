{% test valid_scoring_models(model) %}
    {%- set problems = leadscore_scoring_model_problems(model) -%}
    {{- leadscore_raise_on_problems(problems, 'scoring_models') }}
    {{ problems }}
{% endtest %}
