{#- The accounts' custom attributes, long: one row per account and attribute with a value. -#}
with int_accounts_deduplicated as (

    select * from {{ ref('int_accounts_deduplicated') }}

)

{{ leadscore_unpivot_attributes(
    'int_accounts_deduplicated', 'account_id', leadscore_custom_attribute_columns('accounts')
) }}
