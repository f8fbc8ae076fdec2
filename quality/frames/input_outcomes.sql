-- The outcomes as staged and judged this run: the key and the outcome as cleaned, the
-- parsed time, and the lead it belongs to when the leads input has that lead (null: an
-- outcome of no known lead).
select
    raw_row_number,
    source_lead_id as lead_id,
    outcome,
    outcome_at as outcome_at_parsed,
    lead_id as known_lead_id
from intermediate.int_outcomes_triaged
