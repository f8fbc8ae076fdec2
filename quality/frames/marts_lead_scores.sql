-- The published lead scores (that each lead's reasons add up to its total_score is dbt's
-- test reasons_add_up_to_scores, run by the build).
select
    lead_id,
    fit_score,
    engagement_score,
    negative_score,
    total_score,
    fit_grade,
    engagement_tier,
    priority,
    lifecycle_stage,
    temperature,
    score_percentile
from main.lead_scores
