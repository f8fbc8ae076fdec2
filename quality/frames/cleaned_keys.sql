-- The keys of the cleaned layer, after de-duplication.
select 'leads' as table_name, lead_id as key from intermediate.int_leads_deduplicated
union all
select 'accounts' as table_name, account_id as key from intermediate.int_accounts_deduplicated
