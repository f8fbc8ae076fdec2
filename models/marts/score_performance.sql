{#- How well the scores of each scoring date (lead_score_history) predicted conversions
    in the following var performance_horizon_days days: conversion rate and lift by fit
    grade, engagement tier, priority, score decile, segment, lifecycle stage and lead source
    (channel; the lead's current one), and per scoring date and
    rules_version the ROC AUC of total_score (rank-based: tied scores share their mean
    rank) and the top-decile lift. Leads already customers at their as_of are left out. -#}
with lead_score_history as (

    select * from {{ ref('lead_score_history') }}

),

int_outcomes_deduplicated as (

    select * from {{ ref('int_outcomes_deduplicated') }}

),

int_leads_deduplicated as (

    select * from {{ ref('int_leads_deduplicated') }}

),

open_leads as (

    select
        lead_score_history.lead_id,
        lead_score_history.score_date,
        lead_score_history.as_of,
        lead_score_history.rules_version,
        lead_score_history.segment,
        lead_score_history.fit_grade,
        lead_score_history.engagement_tier,
        lead_score_history.priority,
        lead_score_history.lifecycle_stage,
        int_leads_deduplicated.lead_source,
        lead_score_history.total_score
    from lead_score_history
    left join int_leads_deduplicated
        on lead_score_history.lead_id = int_leads_deduplicated.lead_id
    where lead_score_history.lifecycle_stage != 'customer'

),

lead_moments as (

    select distinct
        lead_id,
        as_of
    from open_leads

),

labels as (

    {{ leadscore_converted_within_horizon('lead_moments', 'int_outcomes_deduplicated') }}

),

labelled as (

    select
        open_leads.*,
        labels.has_converted,
        -- decile from the rank among the date's leads, highest first; tied scores share a
        -- rank, so they share a decile (a decile may then hold more than a tenth)
        1 + cast(floor(10.0 * (rank() over (
            partition by open_leads.score_date, open_leads.rules_version
            order by open_leads.total_score desc
        ) - 1) / count(*) over (
            partition by open_leads.score_date, open_leads.rules_version
        )) as {{ dbt.type_bigint() }}) as score_decile,
        rank() over (
            partition by open_leads.score_date, open_leads.rules_version
            order by open_leads.total_score
        ) as score_rank,
        count(*) over (
            partition by open_leads.score_date, open_leads.rules_version, open_leads.total_score
        ) as tie_count
    from open_leads
    inner join labels
        on
            open_leads.lead_id = labels.lead_id
            and open_leads.as_of = labels.as_of

),

grouped as (

    {%- set groupings = [
        ['overall', "'all'"],
        ['fit_grade', "coalesce(fit_grade, '(none)')"],
        ['engagement_tier', "coalesce(engagement_tier, '(none)')"],
        ['priority', "coalesce(priority, '(none)')"],
        ['score_decile', dbt.cast('score_decile', dbt.type_string())],
        ['segment', 'segment'],
        ['lifecycle_stage', "coalesce(lifecycle_stage, '(none)')"],
        ['lead_source', "coalesce(lead_source, '(none)')"],
    ] %}
    {%- for grouping in groupings %}
        select
            score_date,
            rules_version,
            '{{ grouping[0] }}' as breakdown,
            {{ grouping[1] }} as breakdown_value,
            count(*) as lead_count,
            cast(sum(has_converted) as {{ dbt.type_bigint() }}) as conversion_count
        from labelled
        group by score_date, rules_version{{ ', ' ~ grouping[1] if grouping[0] != 'overall' }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}

),

rankings as (

    -- Mann-Whitney: AUC = (sum of the converted leads' mean ranks - P(P+1)/2) / (P N)
    select
        score_date,
        rules_version,
        sum(case when has_converted = 1 then score_rank + (tie_count - 1) / 2.0 else 0 end) as converted_rank_sum,
        sum(has_converted) as positives,
        count(*) - sum(has_converted) as negatives,
        avg(case when score_decile = 1 then cast(has_converted as {{ leadscore_type_double() }}) end)
            as top_decile_rate,
        avg(cast(has_converted as {{ leadscore_type_double() }})) as overall_rate,
        max(as_of) as as_of
    from labelled
    group by score_date, rules_version

)

select
    grouped.score_date,
    grouped.rules_version,
    cast({{ var('performance_horizon_days') | int }} as {{ dbt.type_bigint() }}) as horizon_days,
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
    {{ dbt.dateadd('day', var('performance_horizon_days') | int, 'rankings.as_of') }}
    <= {{ leadscore_as_of() }} as is_horizon_complete
from grouped
inner join rankings
    on
        grouped.score_date = rankings.score_date
        and grouped.rules_version = rankings.rules_version
