{#- The leads a `customers` model scores, per model, and when their events start to count
    (counted_from: the conversion; null, for an undated one, counts every event). Kept from
    run to run (incremental, strategy replace): previous_counted_from is the start the
    previous run counted from, so that int_activity_rules_summed counts a customer again
    when it moved (a late, undated or merged conversion), and was_counted says whether the
    lead was a customer then. -#}
with int_lead_ids_mapped as (

    select * from {{ ref('int_lead_ids_mapped') }}

),

int_leads_as_of as (

    select * from {{ ref('int_leads_as_of') }}

),

int_scoring_models_resolved as (

    select * from {{ ref('int_scoring_models_resolved') }}

),

previous_customers as (

    {%- if is_incremental() %}
        select
            source_lead_id,
            model,
            counted_from
        from {{ this }}
    {%- else %}
        select
            cast(null as {{ dbt.type_string() }}) as source_lead_id,
            cast(null as {{ dbt.type_string() }}) as model,
            cast(null as {{ dbt.type_timestamp() }}) as counted_from
        where 1 = 0
    {%- endif %}

),

-- events are kept per source lead_id: a merged customer counts from the survivor's conversion
customers as (

    select
        int_lead_ids_mapped.source_lead_id,
        int_scoring_models_resolved.model,
        int_leads_as_of.converted_at as counted_from
    from int_lead_ids_mapped
    inner join int_leads_as_of
        on int_lead_ids_mapped.lead_id = int_leads_as_of.lead_id
    cross join int_scoring_models_resolved
    where
        int_scoring_models_resolved.population = 'customers'
        and int_leads_as_of.is_customer

)

select
    customers.source_lead_id,
    customers.model,
    customers.counted_from,
    previous_customers.counted_from as previous_counted_from,
    previous_customers.source_lead_id is not null as was_counted
from customers
left join previous_customers
    on
        customers.source_lead_id = previous_customers.source_lead_id
        and customers.model = previous_customers.model
