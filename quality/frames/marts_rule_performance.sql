select rule_id, leads_hit, conversions_hit, conversion_rate_hit, conversion_rate_not_hit
from main.rule_performance
