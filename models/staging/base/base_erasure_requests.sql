-- One row per raw row of the erasure requests (see macro leadscore_base_input, README "Erasure").
{{ leadscore_base_input('erasure_requests') }}
