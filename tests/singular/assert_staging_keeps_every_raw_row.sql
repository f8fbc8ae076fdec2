-- Integrity between layers: each stg_ model has as many rows as its base model less the
-- erased ones (leadscore_staged_rows_not_kept). The activities have a test of their own
-- (assert_staging_keeps_every_raw_activity_row), counted with parallel workers on Postgres.
{{ leadscore_staged_rows_not_kept(['leads', 'outcomes', 'accounts', 'sales_feedback', 'score_adjustments']) }}
