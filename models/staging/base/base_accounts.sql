-- One row per raw row of the accounts input, every value as text (see macro leadscore_base_input).
{{ leadscore_base_input('accounts') }}
