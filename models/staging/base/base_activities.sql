-- One row per raw row of the activities input, every value as text (see macro leadscore_base_input).
{{ leadscore_base_input('activities') }}
