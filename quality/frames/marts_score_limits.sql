-- Each published dimension score beside the floor and ceiling grade_bands set for the
-- lead's segment (null where none is set).
select
    scores.lead_id,
    limits.dimension,
    case limits.dimension
        when 'fit' then scores.fit_score
        when 'engagement' then scores.engagement_score
        when 'negative' then scores.negative_score
    end as score,
    limits.floor_score,
    limits.ceiling_score
from main.lead_scores as scores
inner join intermediate.int_lead_dimensions_limited as limits
    on scores.lead_id = limits.lead_id
