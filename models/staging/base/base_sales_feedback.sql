-- One row per raw row of the sales feedback input, every value as text (see macro leadscore_base_input).
{{ leadscore_base_input('sales_feedback') }}
