{#- True when a raw row's lead_id (raw text, cleaned here as staging cleans it) is one of
    the erased leads in `erased_relation` (stg_erasure_requests or a CTE over it). -#}
{% macro leadscore_is_erased(lead_id_column, erased_relation) -%}
    exists (
        select 1
        from {{ erased_relation }} as erased
        where erased.lead_id = {{ leadscore_clean_text(lead_id_column) }}
    )
{%- endmacro %}
