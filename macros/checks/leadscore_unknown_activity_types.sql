{#- Activity rules naming a type that is neither in the contract's list nor seen in the
    data: probably a typo (the rule can never add points). Used as a warning. -#}
{% macro leadscore_unknown_activity_types(rules, activities) -%}
{%- set contract_types = ['email_open', 'email_click', 'page_view', 'content_download', 'webinar_attended',
    'form_submit', 'demo_request', 'meeting_booked', 'email_bounce', 'unsubscribe'] -%}
select
    rules.rule_id,
    rules.field as activity_type,
    'activity type not in the contract list nor in the data' as problem
from {{ rules }} as rules
where
    rules.source = 'activity'
    and rules.field != '*'
    and rules.field not in ({% for t in contract_types %}'{{ t }}'{{ ',' if not loop.last }}{% endfor %})
    and rules.field not in (select distinct activity_type from {{ activities }})
{%- endmacro %}
