{% test valid_segments(model) %}
    {%- set problems = leadscore_segment_problems(model) -%}
    {{- leadscore_raise_on_problems(problems, 'segments') }}
    {{ problems }}
{% endtest %}
