-- The activity rows this run judged (a full build: every row; an incremental run: the rows
-- of the new deliveries), as stored in the event store: the key as cleaned, the type code,
-- the parsed time, and the lead it belongs to when the leads input has that lead (null: an
-- activity of no known lead). $judged_before is the newest judging time before this run.
select
    raw_row_number,
    source_lead_id as lead_id,
    activity_type as activity_type_code,
    occurred_at as occurred_at_parsed,
    lead_id as known_lead_id
from intermediate.int_activities_triaged
where triaged_at > $judged_before
