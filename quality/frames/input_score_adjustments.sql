-- The score adjustments as staged and judged this run: the keys as cleaned, and the lead
-- it belongs to when the leads input has that lead (null: an adjustment of no known lead).
select
    raw_row_number,
    adjustment_id,
    source_lead_id as lead_id,
    lead_id as known_lead_id
from intermediate.int_score_adjustments_triaged
