-- COPY the accounts, ordered by account.
copy (
    select
        'A' || lpad(account_idx::varchar, $account_width, '0') as account_id,
        name,
        domain,
        industry,
        country,
        employee_count,
        annual_revenue
    from account
    order by account_idx
) to $path ($copy_options);
