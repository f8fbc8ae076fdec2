{#- The events that make a scored moment a positive label when they follow it within the
    horizon (leadscore_converted_within_horizon): score_performance, rule_performance,
    calibration and the backtest all read them. The var leadscore_label_source chooses:
    conversions (default: outcomes in leadscore_conversion_outcomes), ratings (a sales
    rating good_fit in sales_feedback), or conversions_and_ratings (either). A bad_fit
    rating, like no event at all, leaves the moment a negative. -#}
{%- set source = var('leadscore_label_source', 'conversions') -%}
{%- if source not in ['conversions', 'ratings', 'conversions_and_ratings'] -%}
    {{ exceptions.raise_compiler_error("leadscore: the var leadscore_label_source is '" ~ source ~ "'; use conversions, ratings or conversions_and_ratings") }}
{%- endif %}
with int_outcomes_deduplicated as (

    select * from {{ ref('int_outcomes_deduplicated') }}

),

int_sales_feedback_deduplicated as (

    select * from {{ ref('int_sales_feedback_deduplicated') }}

),

conversions as (

    select
        lead_id,
        outcome,
        outcome_at
    from int_outcomes_deduplicated
    where
        outcome in ({{ leadscore_conversion_outcome_list() }})
        and outcome_at is not null
        and {{ 'true' if source != 'ratings' else 'false' }}

),

good_fit_ratings as (

    select
        lead_id,
        'good_fit' as outcome,
        feedback_at as outcome_at
    from int_sales_feedback_deduplicated
    where
        rating = 'good_fit'
        and {{ 'true' if source != 'conversions' else 'false' }}

)

select
    lead_id,
    outcome,
    outcome_at
from conversions
union all
select
    lead_id,
    outcome,
    outcome_at
from good_fit_ratings
