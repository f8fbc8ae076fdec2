"""Calibration: learn integer points for candidate rules from outcomes, in the scoring_rules
format, with a backtest report (docs/calibration.md).

    python -m leadscore.calibration --input files --input-path DIR --out OUT

Modules, in the order a run uses them:
  engine      the dbt project scores leads (copies with other seeds, in a workspace per OUT)
  labels      the scoring moment, the labels (model int_leads_labelled), the time split
  candidates  candidate rules: attribute values and groups, numeric bins, activity variants
  fit         the model: a coefficient per candidate, held to the sign of its lift; signal checks
  bands       grade bands and MQL/SQL thresholds from conversion rates
  report      backtest.md, backtest_leads.csv, the rules files
  cli         the options and the run
"""
