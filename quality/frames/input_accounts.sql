-- The accounts as staged and judged this run: the key as cleaned.
select
    raw_row_number,
    account_id
from intermediate.int_accounts_triaged
