{% test valid_scoring_rules(model, segments_model) %}
    {%- set problems = leadscore_scoring_rule_problems(model, segments_model) -%}
    {{- leadscore_raise_on_problems(problems, 'scoring_rules') }}
    {{ problems }}
{% endtest %}
