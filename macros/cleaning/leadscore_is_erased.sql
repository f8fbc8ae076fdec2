{#- True when a raw row's lead_id (raw text, cleaned here as staging cleans it; `is_clean`
    for a stored key, cleaned already) is one of the erased leads in `erased_relation`
    (stg_erasure_requests or a CTE over it); false when it is not, or empty. An
    uncorrelated IN: the engine builds on the short list and streams the input past it (a
    correlated EXISTS made DuckDB hold the whole input). -#}
{% macro leadscore_is_erased(lead_id_column, erased_relation, is_clean=false) -%}
    {%- set cleaned = lead_id_column if is_clean else leadscore_clean_text(lead_id_column) -%}
    (
        {{ cleaned }} is not null
        and {{ cleaned }} in (select erased.lead_id from {{ erased_relation }} as erased)
    )
{%- endmacro %}
