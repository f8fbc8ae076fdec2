{#- The leads' custom attributes (input columns the contract does not name), long:
    one row per lead and attribute with a value. Rules and segments use them by their
    normalised names. -#}
with int_leads_deduplicated as (

    select * from {{ ref('int_leads_deduplicated') }}

)

{{ leadscore_unpivot_attributes(
    'int_leads_deduplicated', 'lead_id', leadscore_custom_attribute_columns('leads')
) }}
