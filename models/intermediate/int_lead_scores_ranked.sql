{#- The open leads (not yet customers) of every scoring date in lead_score_history, ranked
    by total_score within their date and rules_version: what score_performance needs for its
    AUC and deciles. Ranking is the costly part of that mart (a sort of every row of a date),
    so it is done once per date: an incremental table (delete+insert on score_date) to which
    a run writes its own scoring date (only a run of a date writes the date: the main job,
    and each step of a backfill, which builds this model too) and every date whose open
    rows in history differ in number from those ranked here (a date new to this table, or
    one that lost rows to an erasure). The other dates' rows have not changed since they
    were ranked, so neither have their ranks. The spare database a DuckDB run continues
    from gets the last run's dates of this table with those of the history
    (leadscore/publish.py).
    The rows of erased leads are deleted after each run (docs/personal-data.md "Erasure"). -#}
{{ config(
    materialized='incremental',
    unique_key='score_date',
    incremental_strategy='delete+insert',
    on_schema_change='fail',
    post_hook="{{ leadscore_delete_erased_rows('lead_id') }}"
) }}
-- depends_on: {{ ref('stg_erasure_requests') }}
-- not materialized: counting the dates reads two columns of the history, ranking only
-- the rows of its dates
with lead_score_history as {{ leadscore_cte_hint('not materialized') }}(

    select * from {{ ref('lead_score_history') }}

),

open_scores as {{ leadscore_cte_hint('not materialized') }}(

    select
        lead_id,
        score_date,
        as_of,
        rules_version,
        segment,
        fit_grade,
        engagement_tier,
        priority,
        lifecycle_stage,
        lead_source,
        total_score
    from lead_score_history
    where lifecycle_stage != 'customer'

),

{%- if is_incremental() %}

history_dates as (

    select
        score_date,
        count(*) as open_leads
    from open_scores
    group by score_date

),

ranked_dates as (

    select
        score_date,
        count(*) as open_leads
    from {{ this }}
    group by score_date

),

-- this run's date (written again, perhaps with as many leads), dates new here, and dates
-- whose rows differ in number from those ranked (an erasure)
dates_to_rank as (

    select history_dates.score_date
    from history_dates
    left join ranked_dates
        on history_dates.score_date = ranked_dates.score_date
    where
        history_dates.score_date = cast({{ leadscore_as_of() }} as date)
        or ranked_dates.score_date is null
        or ranked_dates.open_leads != history_dates.open_leads

),

{%- endif %}

scores_to_rank as (

    select open_scores.*
    from open_scores
    {%- if is_incremental() %}
        where score_date in (select dates_to_rank.score_date from dates_to_rank)
    {%- endif %}

)

select
    lead_id,
    score_date,
    as_of,
    rules_version,
    segment,
    fit_grade,
    engagement_tier,
    priority,
    lifecycle_stage,
    lead_source,
    total_score,
    -- decile from the rank among the date's leads, highest first; tied scores share a
    -- rank, so they share a decile (a decile may then hold more than a tenth)
    1 + cast(floor(10.0 * (rank() over (
        partition by score_date, rules_version
        order by total_score desc
    ) - 1) / count(*) over (
        partition by score_date, rules_version
    )) as {{ dbt.type_bigint() }}) as score_decile,
    cast(rank() over (
        partition by score_date, rules_version
        order by total_score
    ) as {{ dbt.type_bigint() }}) as score_rank,
    cast(count(*) over (
        partition by score_date, rules_version, total_score
    ) as {{ dbt.type_bigint() }}) as tie_count,
    {{ leadscore_run_started_at() }} as ranked_at
from scores_to_rank
