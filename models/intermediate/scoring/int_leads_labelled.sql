{#- Each lead's scoring moment (int_leads_as_of) labelled with what happened after it: the
    one place the label rule lives for Python callers (calibration, the backtest), through
    the same macro as score_performance and rule_performance. A view: the main job pays
    nothing for it; calibration and the backtest read it. -#}
with int_leads_as_of as (

    select * from {{ ref('int_leads_as_of') }}

),

int_label_events as (

    select * from {{ ref('int_label_events') }}

),

converted_moments as (

    {{ leadscore_converted_within_horizon('int_leads_as_of', 'int_label_events') }}

),

labelled as (

    select
        int_leads_as_of.lead_id,
        int_leads_as_of.as_of,
        int_leads_as_of.is_customer,
        converted_moments.lead_id is not null as is_converted_within_horizon,
        -- a conversion after the end of the data cannot have been seen yet
        {{ dbt.dateadd('day', var('leadscore_performance_horizon_days') | int, 'int_leads_as_of.as_of') }}
        <= {{ leadscore_as_of() }} as is_horizon_complete
    from int_leads_as_of
    left join converted_moments
        on
            int_leads_as_of.lead_id = converted_moments.lead_id
            and int_leads_as_of.as_of = converted_moments.as_of

)

select
    lead_id,
    as_of,
    is_customer,
    is_converted_within_horizon,
    is_horizon_complete
from labelled
