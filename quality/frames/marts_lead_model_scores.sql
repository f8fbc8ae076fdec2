select lead_id, model, score
from main.lead_model_scores
