{#- Accounts rolled up from their leads' scores. account_score is the mean total_score of
    the account's three best-scoring leads (fewer when it has fewer), so one hot contact
    does not make an account, and a large account is not rewarded for its head count.
    The buying group: the roles of the buying_group_roles seed (conditions on lead fields,
    ANDed per role, matched in int_lead_conditions_matched) that at least one engaged lead
    (engagement_score above 0) of the account fills; buying_group_completeness is their
    share of the seed's roles (null when the seed has none). -#}
{%- set decimal_places = var('leadscore_score_decimal_places') | int %}
with lead_scores as (

    select * from {{ ref('lead_scores') }}

),

int_leads_as_of as (

    select * from {{ ref('int_leads_as_of') }}

),

stg_buying_group_roles as (

    select * from {{ ref('stg_buying_group_roles') }}

),

int_lead_conditions_matched as (

    select * from {{ ref('int_lead_conditions_matched') }}

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

),

account_rollups as (

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
        cast(sum(case when lifecycle_stage = 'customer' then 1 else 0 end) as {{ dbt.type_bigint() }})
            as customer_count,
        cast(max(total_score) as {{ leadscore_type_double() }}) as max_total_score,
        cast({{ leadscore_round('avg(fit_score)', decimal_places) }} as {{ leadscore_type_double() }})
            as mean_fit_score,
        max(as_of) as as_of,
        max(rules_version) as rules_version
    from account_leads
    group by account_id

),

role_sizes as (

    select
        role,
        count(*) as condition_count
    from stg_buying_group_roles
    group by role

),

matched_role_conditions as (

    select
        int_lead_conditions_matched.lead_id,
        stg_buying_group_roles.role,
        count(*) as matched_count
    from int_lead_conditions_matched
    inner join stg_buying_group_roles
        on int_lead_conditions_matched.condition_id = 'role:' || stg_buying_group_roles.condition_id
    group by int_lead_conditions_matched.lead_id, stg_buying_group_roles.role

),

-- the roles each lead fills: all of the role's conditions match (a lead may fill several)
lead_roles as (

    select
        matched_role_conditions.lead_id,
        matched_role_conditions.role
    from matched_role_conditions
    inner join role_sizes
        on matched_role_conditions.role = role_sizes.role
    where matched_role_conditions.matched_count = role_sizes.condition_count

),

covered_roles as (

    select distinct
        account_leads.account_id,
        lead_roles.role
    from account_leads
    inner join lead_roles
        on account_leads.lead_id = lead_roles.lead_id
    where account_leads.engagement_score > 0

),

-- every account with every role of the seed, covered or not
account_roles as (

    select
        account_rollups.account_id,
        role_sizes.role,
        covered_roles.role is not null as is_covered
    from account_rollups
    cross join role_sizes
    left join covered_roles
        on
            account_rollups.account_id = covered_roles.account_id
            and role_sizes.role = covered_roles.role

),

buying_groups as (

    select
        account_id,
        count(*) as role_count,
        sum(case when is_covered then 1 else 0 end) as covered_count,
        {{ leadscore_sorted_text_agg('case when is_covered then role end', "','") }} as roles_covered,
        {{ leadscore_sorted_text_agg('case when not is_covered then role end', "','") }} as roles_missing
    from account_roles
    group by account_id

)

select
    account_rollups.account_id,
    account_rollups.account_score,
    account_rollups.lead_count,
    account_rollups.engaged_lead_count,
    account_rollups.mql_count,
    account_rollups.sql_count,
    account_rollups.customer_count,
    account_rollups.max_total_score,
    account_rollups.mean_fit_score,
    account_rollups.as_of,
    account_rollups.rules_version,
    cast(
        case
            when buying_groups.role_count > 0
                then {{ leadscore_round(
                    'cast(buying_groups.covered_count as ' ~ leadscore_type_double() ~ ') / buying_groups.role_count',
                    decimal_places) }}
        end
        as {{ leadscore_type_double() }}
    ) as buying_group_completeness,
    coalesce(buying_groups.roles_covered, '') as roles_covered,
    coalesce(buying_groups.roles_missing, '') as roles_missing
from account_rollups
left join buying_groups
    on account_rollups.account_id = buying_groups.account_id
