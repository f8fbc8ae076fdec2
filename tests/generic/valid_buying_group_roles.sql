{% test valid_buying_group_roles(model) %}
    {%- set problems = leadscore_buying_group_role_problems(model) -%}
    {{- leadscore_raise_on_problems(problems, 'buying_group_roles') }}
    {{ problems }}
{% endtest %}
