select score_date, rules_version, breakdown, breakdown_value, lead_count, conversion_count, conversion_rate, roc_auc
from main.score_performance
