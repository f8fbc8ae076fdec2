{#- How well the scores of each scoring date (lead_score_history) predicted conversions
    in the following var leadscore_performance_horizon_days days: conversion rate and lift by fit
    grade, engagement tier, priority, score decile, segment, lifecycle stage and lead source
    (the lead's channel on the scoring date), and per scoring date and rules_version the
    ROC AUC of total_score (rank-based: tied scores share their mean rank) and the
    top-decile lift. Leads already customers at their as_of are left out.
    Recomputed every run, since conversions keep arriving, without sorting or counting the
    history again: each date's ranks (int_lead_scores_ranked) and leads per breakdown
    (int_lead_score_breakdowns_counted) were stored by the run that scored it; this finds the
    converted leads among them and counts those. -#}
with int_lead_scores_ranked as {{ leadscore_cte_hint('not materialized') }}(

    -- not materialized: finding the converted leads reads two columns of every date
    select * from {{ ref('int_lead_scores_ranked') }}

),

int_lead_score_breakdowns_counted as (

    select * from {{ ref('int_lead_score_breakdowns_counted') }}

),

int_label_events as (

    select * from {{ ref('int_label_events') }}

),

converted_moments as (

    {{ leadscore_converted_within_horizon('int_lead_scores_ranked', 'int_label_events') }}

),

converted_leads as (

    select int_lead_scores_ranked.*
    from int_lead_scores_ranked
    inner join converted_moments
        on
            int_lead_scores_ranked.lead_id = converted_moments.lead_id
            and int_lead_scores_ranked.as_of = converted_moments.as_of

),

conversions_counted as (

    {{ leadscore_breakdown_counts('converted_leads') }}

),

grouped as (

    select
        int_lead_score_breakdowns_counted.score_date,
        int_lead_score_breakdowns_counted.rules_version,
        int_lead_score_breakdowns_counted.as_of,
        int_lead_score_breakdowns_counted.breakdown,
        int_lead_score_breakdowns_counted.breakdown_value,
        int_lead_score_breakdowns_counted.lead_count,
        cast(coalesce(conversions_counted.lead_count, 0) as {{ dbt.type_bigint() }}) as conversion_count
    from int_lead_score_breakdowns_counted
    left join conversions_counted
        on
            int_lead_score_breakdowns_counted.score_date = conversions_counted.score_date
            and int_lead_score_breakdowns_counted.rules_version = conversions_counted.rules_version
            and int_lead_score_breakdowns_counted.breakdown = conversions_counted.breakdown
            and int_lead_score_breakdowns_counted.breakdown_value = conversions_counted.breakdown_value

),

-- Mann-Whitney: AUC = (sum of the converted leads' mean ranks - P(P+1)/2) / (P N)
converted_rank_sums as (

    select
        score_date,
        rules_version,
        sum(score_rank + (tie_count - 1) / 2.0) as converted_rank_sum
    from converted_leads
    group by score_date, rules_version

),

rankings as (

    select
        overall.score_date,
        overall.rules_version,
        coalesce(converted_rank_sums.converted_rank_sum, 0) as converted_rank_sum,
        overall.conversion_count as positives,
        overall.lead_count - overall.conversion_count as negatives,
        cast(top_decile.conversion_count as {{ leadscore_type_double() }}) / top_decile.lead_count
            as top_decile_rate,
        cast(overall.conversion_count as {{ leadscore_type_double() }}) / overall.lead_count as overall_rate
    from grouped as overall
    left join grouped as top_decile
        on
            overall.score_date = top_decile.score_date
            and overall.rules_version = top_decile.rules_version
            and top_decile.breakdown = 'score_decile'
            and top_decile.breakdown_value = '1'
    left join converted_rank_sums
        on
            overall.score_date = converted_rank_sums.score_date
            and overall.rules_version = converted_rank_sums.rules_version
    where overall.breakdown = 'overall'

)

select
    grouped.score_date,
    grouped.rules_version,
    cast({{ var('leadscore_performance_horizon_days') | int }} as {{ dbt.type_bigint() }}) as horizon_days,
    grouped.breakdown,
    grouped.breakdown_value,
    grouped.lead_count,
    grouped.conversion_count,
    cast(grouped.conversion_count as {{ leadscore_type_double() }}) / grouped.lead_count as conversion_rate,
    case
        when rankings.overall_rate > 0
            then cast(grouped.conversion_count as {{ leadscore_type_double() }})
                / grouped.lead_count
                / rankings.overall_rate
    end as lift,
    case
        when grouped.breakdown = 'overall' and rankings.positives > 0 and rankings.negatives > 0
            then (rankings.converted_rank_sum - rankings.positives * (rankings.positives + 1) / 2.0)
                / (cast(rankings.positives as {{ leadscore_type_double() }}) * rankings.negatives)
    end as roc_auc,
    case
        when grouped.breakdown = 'overall' and rankings.overall_rate > 0
            then rankings.top_decile_rate / rankings.overall_rate
    end as top_decile_lift,
    {{ dbt.dateadd('day', var('leadscore_performance_horizon_days') | int, 'grouped.as_of') }}
    <= {{ leadscore_as_of() }} as is_horizon_complete
from grouped
inner join rankings
    on
        grouped.score_date = rankings.score_date
        and grouped.rules_version = rankings.rules_version
