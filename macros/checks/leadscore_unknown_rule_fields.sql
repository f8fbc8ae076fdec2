{#- Attribute rules and segment conditions naming a field that no lead has a value for
    (not in the input, or always empty): the contract treats it as missing for every
    lead, which is allowed but worth a warning. -#}
{% macro leadscore_unknown_rule_fields(conditions, fields) -%}
select
    conditions.condition_id,
    conditions.field,
    'no lead has a value for this field; it is treated as missing' as problem
from {{ conditions }} as conditions
where conditions.field not in (select distinct field_name from {{ fields }})
{%- endmacro %}
