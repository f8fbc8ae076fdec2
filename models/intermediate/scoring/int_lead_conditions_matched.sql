{#- The (lead, condition) pairs where the lead's value satisfies the condition, by the
    contract's arithmetic: text compared case-insensitively after trimming, numbers
    numerically, `contains` a substring test, `regex` a search, `in` / `not_in` against each
    `|`-separated value, `between` inclusive; a missing value matches only `missing`.
    The operands are joined and compared as data. -#}
with int_conditions_listed as (

    select * from {{ ref('int_conditions_listed') }}

),

int_lead_fields_unpivoted as (

    select * from {{ ref('int_lead_fields_unpivoted') }}

),

int_leads_as_of as (

    select * from {{ ref('int_leads_as_of') }}

),

int_regex_conditions_evaluated as (

    select * from {{ ref('int_regex_conditions_evaluated') }}

),

listed_operands as (

    select
        condition_id,
        listed_value,
        {{ leadscore_parse_number('listed_value', '.') }} as listed_number
    from (
        {{ leadscore_split_to_rows('int_conditions_listed', 'condition_id', 'value') }}
        where operator in ('in', 'not_in')
    ) as split_operands

),

present_values as {{ leadscore_cte_hint('not materialized') }}(

    -- not materialized: each use below joins again and keeps only its own operators, instead
    -- of one copy of every (lead, condition) pair held for all of them

    select
        int_conditions_listed.condition_id,
        int_conditions_listed.operator,
        int_conditions_listed.value,
        int_conditions_listed.value_number,
        int_conditions_listed.value_max_number,
        int_lead_fields_unpivoted.lead_id,
        int_lead_fields_unpivoted.field_value,
        int_lead_fields_unpivoted.field_number,
        case when int_lead_fields_unpivoted.is_numeric_field then int_lead_fields_unpivoted.field_number end
            as equality_number
    from int_conditions_listed
    inner join int_lead_fields_unpivoted
        on int_conditions_listed.field = int_lead_fields_unpivoted.field_name
    where int_conditions_listed.operator != 'missing'

),

-- a value in the list: equal as numbers where both are numbers, else as text, ignoring case
-- (leadscore_values_equal), written as two equi-joins: one comparison of every lead's value
-- with every listed value was most of this model's time on Postgres
listed_matches as (

    select
        present_values.condition_id,
        present_values.lead_id
    from present_values
    inner join listed_operands
        on
            present_values.condition_id = listed_operands.condition_id
            and present_values.equality_number = listed_operands.listed_number

    union

    select
        present_values.condition_id,
        present_values.lead_id
    from present_values
    inner join listed_operands
        on
            present_values.condition_id = listed_operands.condition_id
            and lower(present_values.field_value) = lower(listed_operands.listed_value)
    where present_values.equality_number is null or listed_operands.listed_number is null

),

operator_matches as (

    select
        condition_id,
        lead_id
    from present_values
    where
        case operator
            when 'present' then true
            when 'eq' then {{ leadscore_values_equal('field_value', 'equality_number', 'value', 'value_number') }}
            when 'neq' then not {{ leadscore_values_equal('field_value', 'equality_number', 'value', 'value_number') }}
            when 'contains' then {{ leadscore_text_contains('field_value', 'value') }}
            -- regex: int_regex_conditions_evaluated, once per distinct value
            when 'between' then field_number >= value_number and field_number <= value_max_number
            when 'gte' then field_number >= value_number
            when 'lte' then field_number <= value_number
            else false
        end

),

regex_matches as (

    select
        present_values.condition_id,
        present_values.lead_id
    from present_values
    inner join int_regex_conditions_evaluated
        on
            present_values.condition_id = int_regex_conditions_evaluated.condition_id
            and present_values.field_value = int_regex_conditions_evaluated.field_value
    where int_regex_conditions_evaluated.is_match

),

not_listed_matches as (

    select distinct
        present_values.condition_id,
        present_values.lead_id
    from present_values
    left join listed_matches
        on
            present_values.condition_id = listed_matches.condition_id
            and present_values.lead_id = listed_matches.lead_id
    where
        present_values.operator = 'not_in'
        and listed_matches.lead_id is null

),

missing_matches as (

    select
        int_conditions_listed.condition_id,
        int_leads_as_of.lead_id
    from int_conditions_listed
    cross join int_leads_as_of
    left join int_lead_fields_unpivoted
        on
            int_conditions_listed.field = int_lead_fields_unpivoted.field_name
            and int_leads_as_of.lead_id = int_lead_fields_unpivoted.lead_id
    where
        int_conditions_listed.operator = 'missing'
        and int_lead_fields_unpivoted.lead_id is null

),

all_matches as (

    select
        condition_id,
        lead_id
    from operator_matches
    union all
    select
        listed_matches.condition_id,
        listed_matches.lead_id
    from listed_matches
    inner join int_conditions_listed
        on listed_matches.condition_id = int_conditions_listed.condition_id
    where int_conditions_listed.operator = 'in'
    union all
    select
        condition_id,
        lead_id
    from not_listed_matches
    union all
    select
        condition_id,
        lead_id
    from regex_matches
    union all
    select
        condition_id,
        lead_id
    from missing_matches

)

select distinct
    condition_id,
    lead_id
from all_matches
