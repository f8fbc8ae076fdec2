-- lead_scores with the gap between each lead's total_score and the sum of its reasons.
with reason_sums as (
    select lead_id, sum(points) as reason_points
    from main.lead_score_reasons
    where model = 'lead'
    group by lead_id
)

select
    scores.lead_id,
    scores.fit_score,
    scores.engagement_score,
    scores.negative_score,
    scores.total_score,
    scores.fit_grade,
    scores.engagement_tier,
    scores.priority,
    scores.lifecycle_stage,
    scores.temperature,
    scores.score_percentile,
    abs(scores.total_score - coalesce(reason_sums.reason_points, 0)) as reasons_gap
from main.lead_scores as scores
left join reason_sums
    on scores.lead_id = reason_sums.lead_id
