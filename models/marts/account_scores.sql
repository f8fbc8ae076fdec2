{#- Accounts rolled up from their leads' scores. account_score is the mean total_score of
    the account's three best-scoring leads (fewer when it has fewer), so one hot contact
    does not make an account, and a large account is not rewarded for its head count. -#}
{%- set decimal_places = var('leadscore_score_decimal_places') | int %}
with lead_scores as (

    select * from {{ ref('lead_scores') }}

),

int_leads_as_of as (

    select * from {{ ref('int_leads_as_of') }}

),

account_leads as (

    select
        int_leads_as_of.account_id,
        lead_scores.lead_id,
        lead_scores.total_score,
        lead_scores.fit_score,
        lead_scores.engagement_score,
        lead_scores.lifecycle_stage,
        lead_scores.as_of,
        lead_scores.rules_version,
        row_number() over (
            partition by int_leads_as_of.account_id
            order by lead_scores.total_score desc, lead_scores.lead_id asc
        ) as score_rank
    from lead_scores
    inner join int_leads_as_of
        on lead_scores.lead_id = int_leads_as_of.lead_id
    where int_leads_as_of.account_id is not null

)

select
    account_id,
    cast(
        {{ leadscore_round('avg(case when score_rank <= 3 then total_score end)', decimal_places) }}
        as {{ leadscore_type_double() }}
    ) as account_score,
    cast(count(*) as {{ dbt.type_bigint() }}) as lead_count,
    cast(sum(case when engagement_score > 0 then 1 else 0 end) as {{ dbt.type_bigint() }}) as engaged_lead_count,
    cast(sum(case when lifecycle_stage = 'mql' then 1 else 0 end) as {{ dbt.type_bigint() }}) as mql_count,
    cast(sum(case when lifecycle_stage = 'sql' then 1 else 0 end) as {{ dbt.type_bigint() }}) as sql_count,
    cast(sum(case when lifecycle_stage = 'customer' then 1 else 0 end) as {{ dbt.type_bigint() }}) as customer_count,
    cast(max(total_score) as {{ leadscore_type_double() }}) as max_total_score,
    cast({{ leadscore_round('avg(fit_score)', decimal_places) }} as {{ leadscore_type_double() }})
        as mean_fit_score,
    max(as_of) as as_of,
    max(rules_version) as rules_version
from account_leads
group by account_id
