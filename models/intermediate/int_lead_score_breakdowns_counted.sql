{#- The open leads of each scoring date counted by every breakdown of score_performance
    (leadscore_breakdown_counts), with the date's as_of. A date's counts change only when it
    is ranked again, so this is an incremental table (delete+insert on score_date) to which a
    run writes the dates int_lead_scores_ranked ranked in the same run. -#}
{{ config(
    materialized='incremental',
    unique_key='score_date',
    incremental_strategy='delete+insert',
    on_schema_change='fail'
) }}
with int_lead_scores_ranked as {{ leadscore_cte_hint('not materialized') }}(

    -- not materialized: each count reads only its own columns, of the dates ranked now
    select * from {{ ref('int_lead_scores_ranked') }}
    {%- if is_incremental() %}
        where ranked_at = (select max(ranked_at) from {{ ref('int_lead_scores_ranked') }})
    {%- endif %}

),

counted as (

    {{ leadscore_breakdown_counts('int_lead_scores_ranked') }}

),

date_moments as (

    select
        score_date,
        rules_version,
        max(as_of) as as_of
    from int_lead_scores_ranked
    group by score_date, rules_version

)

select
    counted.score_date,
    counted.rules_version,
    date_moments.as_of,
    counted.breakdown,
    counted.breakdown_value,
    cast(counted.lead_count as {{ dbt.type_bigint() }}) as lead_count,
    {{ leadscore_run_started_at() }} as counted_at
from counted
inner join date_moments
    on
        counted.score_date = date_moments.score_date
        and counted.rules_version = date_moments.rules_version
