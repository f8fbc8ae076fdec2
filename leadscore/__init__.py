"""leadscore's Python side: the jobs around the dbt project (the engine). The rest of
`scripts/` moves here piece by piece; calibration came first."""
