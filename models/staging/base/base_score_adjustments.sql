-- One row per raw row of the score adjustments input, every value as text (see macro leadscore_base_input).
{{ leadscore_base_input('score_adjustments') }}
