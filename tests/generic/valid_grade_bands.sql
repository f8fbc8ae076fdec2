{% test valid_grade_bands(model, segments_model) %}
    {%- set problems = leadscore_grade_band_problems(model, segments_model) -%}
    {{- leadscore_raise_on_problems(problems, 'grade_bands') }}
    {{ problems }}
{% endtest %}
