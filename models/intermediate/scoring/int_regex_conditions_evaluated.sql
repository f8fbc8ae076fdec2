{#- Each regex condition tried once per distinct value of its field (job titles repeat):
    a pattern held in a column is compiled for every row it meets, so matching distinct
    values in their own table, then joining back to the leads, is what keeps regex rules
    cheap. A table, because inside one query the optimizer folds the distinct away. -#}
with int_conditions_listed as (

    select * from {{ ref('int_conditions_listed') }}

),

int_lead_fields_unpivoted as (

    select * from {{ ref('int_lead_fields_unpivoted') }}

),

distinct_values as (

    select distinct
        int_conditions_listed.condition_id,
        int_conditions_listed.value,
        int_lead_fields_unpivoted.field_value
    from int_conditions_listed
    inner join int_lead_fields_unpivoted
        on int_conditions_listed.field = int_lead_fields_unpivoted.field_name
    where int_conditions_listed.operator = 'regex'

)

select
    condition_id,
    field_value,
    {{ leadscore_regex_search('field_value', 'value') }} as is_match
from distinct_values
