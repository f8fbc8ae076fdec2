{#- The problems of attribute conditions (rows of the segments and buying_group_roles seeds,
    typed: field, operator, value, value_max, value_number, value_max_number), one row each:
    (subject, problem), subject being the column `label`. The body of union all branches,
    for a caller's `problems` CTE to add its own. -#}
{% macro leadscore_condition_problems(conditions, label) -%}
{%- set attribute_operators = ['eq', 'neq', 'in', 'not_in', 'contains', 'regex', 'between', 'gte', 'lte', 'present', 'missing'] -%}
    select {{ label }} as subject, 'field is empty' as problem from {{ conditions }} where field is null
    union all
    select {{ label }}, 'field ''' || field || ''' is personal data, which is not scored (docs/personal-data.md); use has_email, has_phone or email_domain'
    from {{ conditions }} where field in ({{ leadscore_string_literal_list(leadscore_input_contract('leads').personal) }})
    union all
    select {{ label }}, 'operator ' || coalesce('''' || operator || '''', 'empty') || ' is not an attribute operator ({{ attribute_operators | join(", ") }})'
    from {{ conditions }}
    where operator is null or operator not in ({{ leadscore_string_literal_list(attribute_operators) }})
    union all
    select {{ label }}, 'operator ''' || operator || ''' has no value'
    from {{ conditions }} where operator not in ('present', 'missing') and value is null
    union all
    select {{ label }}, operator || ' needs a numeric value, not ''' || value || ''''
    from {{ conditions }} where operator in ('between', 'gte', 'lte') and value is not null and value_number is null
    union all
    select {{ label }}, 'between needs a numeric value_max, not ' || coalesce('''' || value_max || '''', 'an empty one')
    from {{ conditions }} where operator = 'between' and value_max_number is null
    union all
    select {{ label }}, 'between has value ' || value || ' above value_max ' || value_max
    from {{ conditions }} where operator = 'between' and value_number > value_max_number
    union all
    select {{ label }}, 'regex ''' || value || ''' does not compile'
    from {{ conditions }} where operator = 'regex' and value is not null and not {{ leadscore_regex_compiles('value') }}
{%- endmacro %}
