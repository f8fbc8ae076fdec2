-- Accounts: syllable names, unique domains, industry, country, size and revenue.
--
-- Names repeat (as in real life) but domains are unique: a name stem that is taken in the
-- same top-level domain gets hq/get/app/team forms, then a number.
create table industry_dim as
select * from (values $industry_rows) t(industry, revenue_per_employee, is_target);

create table country_dim as
select * from (values $country_rows) t(country, dial_code, tld, cities);

create table account as
with draw as (
    select
        a as account_idx,
        pick($company_prefixes, u(a, 'account-prefix')) as prefix,
        pick($company_cores, u(a, 'account-core')) as core,
        pick($company_kinds, u(a, 'account-kind')) as kind,
        pick($industry_draw, u(a, 'account-industry')) as industry,
        pick($country_draw, u(a, 'account-country')) as country,
        pick($size_band_draw, u(a, 'account-size')) as size_band,
        u(a, 'account-size-within') as size_within,
        gauss(a, 'account-revenue') as revenue_noise,
        u(a, 'account-tld') < 0.5 as use_country_tld
    from range(1, $accounts + 1) t(a)
),
sized as (
    select
        d.*,
        c.tld as country_tld,
        floor(
            $size_band_lo[size_band + 1]
            * pow($size_band_hi[size_band + 1] / $size_band_lo[size_band + 1], size_within)
        )::bigint as employee_count,
        i.revenue_per_employee
    from draw d
    join industry_dim i using (industry)
    join country_dim c using (country)
),
named as (
    select
        *,
        lower(prefix || core) as stem,
        case when use_country_tld then country_tld else 'com' end as tld
    from sized
)
select
    account_idx,
    prefix || core || kind as name,
    case rank_in_stem
        when 1 then stem
        when 2 then stem || 'hq'
        when 3 then 'get' || stem
        when 4 then stem || 'app'
        when 5 then 'team' || stem
        else stem || (rank_in_stem - 4)::varchar
    end || '.' || tld as domain,
    industry,
    country,
    size_band,
    employee_count,
    round(employee_count * revenue_per_employee * exp(0.4 * revenue_noise), -3)::bigint
        as annual_revenue
from (
    select
        *,
        row_number() over (partition by stem, tld order by account_idx) as rank_in_stem
    from named
);
