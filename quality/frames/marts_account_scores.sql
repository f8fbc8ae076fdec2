select account_id, account_score, lead_count
from main.account_scores
