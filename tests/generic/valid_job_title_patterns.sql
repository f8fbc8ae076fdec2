{% test valid_job_title_patterns(model) %}
    {%- set problems = leadscore_job_title_pattern_problems(model) -%}
    {{- leadscore_raise_on_problems(problems, 'job_title_patterns') }}
    {{ problems }}
{% endtest %}
