{#- The explainability invariant: per lead, the reasons of model `lead` add up to
    fit + engagement + negative, each dimension's reasons to its score, and the three to
    total_score (to 1e-9). Returns the leads where any of it fails, with the sums. -#}
{% macro leadscore_reasons_not_adding_up(scores_model, reasons_model) -%}
with reason_sums as (
    select
        lead_id,
        sum(points) as reason_points,
        sum(case when dimension = 'fit' then points else 0 end) as fit_points,
        sum(case when dimension = 'engagement' then points else 0 end) as engagement_points,
        sum(case when dimension = 'negative' then points else 0 end) as negative_points
    from {{ reasons_model }}
    where model = 'lead'
    group by lead_id
),

compared as (
    select
        scores.lead_id,
        scores.fit_score,
        scores.engagement_score,
        scores.negative_score,
        scores.total_score,
        coalesce(reason_sums.reason_points, 0) as reason_points,
        coalesce(reason_sums.fit_points, 0) as fit_points,
        coalesce(reason_sums.engagement_points, 0) as engagement_points,
        coalesce(reason_sums.negative_points, 0) as negative_points
    from {{ scores_model }} as scores
    left join reason_sums
        on scores.lead_id = reason_sums.lead_id
)

select *
from compared
where abs(reason_points - total_score) > 1e-9
    or abs(fit_score + engagement_score + negative_score - total_score) > 1e-9
    or abs(fit_points - fit_score) > 1e-9
    or abs(engagement_points - engagement_score) > 1e-9
    or abs(negative_points - negative_score) > 1e-9
{%- endmacro %}
