-- Integrity between layers for the activities: stg_activities has as many rows as
-- base_activities less the erased ones (leadscore_staged_rows_not_kept). Apart from the other
-- tables so that Postgres counts the largest input with parallel workers.
{{ leadscore_staged_rows_not_kept(['activities']) }}
