select lead_id, model, rule_id, dimension, points
from main.lead_score_reasons
