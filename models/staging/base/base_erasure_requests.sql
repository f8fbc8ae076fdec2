-- One row per raw row of the erasure requests (see macro leadscore_base_input, docs/personal-data.md "Erasure").
{{ leadscore_base_input('erasure_requests') }}
