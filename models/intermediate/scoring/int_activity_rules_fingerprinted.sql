{#- Every activity rule summed from decayed points (not the frequency or per-day-capped
    ones, int_event_rules_counted) with what shapes its sums: the population its model scores, and a
    fingerprint of everything that changes a sum (model, population, activity type, url
    filter, points, half-life, window). Kept from run to run (incremental, strategy
    replace): summed_fingerprint is the fingerprint the rule had in the previous run, the
    one its carried sums were made with, so int_activity_rules_summed carries a rule only
    while the two agree (a new or edited rule is summed again). Editing max_points, the
    segment, the dimension or the description changes no sum: they apply later. -#}
with stg_scoring_rules as (

    select * from {{ ref('stg_scoring_rules') }}

),

int_scoring_models_resolved as (

    select * from {{ ref('int_scoring_models_resolved') }}

),

previous_rules as (

    {%- if is_incremental() %}
        select
            rule_id,
            rule_fingerprint
        from {{ this }}
    {%- else %}
        select
            cast(null as {{ dbt.type_string() }}) as rule_id,
            cast(null as {{ dbt.type_string() }}) as rule_fingerprint
        where 1 = 0
    {%- endif %}

),

fingerprinted as (

    select
        stg_scoring_rules.rule_id,
        stg_scoring_rules.model,
        int_scoring_models_resolved.population,
        stg_scoring_rules.field as activity_type,
        stg_scoring_rules.operator,
        stg_scoring_rules.value,
        stg_scoring_rules.points,
        stg_scoring_rules.half_life_days,
        stg_scoring_rules.window_days,
        {{ dbt.hash(dbt.concat([
            "coalesce(stg_scoring_rules.model, '')", "'|'",
            "coalesce(int_scoring_models_resolved.population, '')", "'|'",
            "coalesce(stg_scoring_rules.field, '')", "'|'",
            "coalesce(stg_scoring_rules.operator, '')", "'|'",
            "coalesce(stg_scoring_rules.value, '')", "'|'",
            "coalesce(" ~ leadscore_number_as_text('stg_scoring_rules.points') ~ ", '')", "'|'",
            "coalesce(" ~ leadscore_number_as_text('stg_scoring_rules.half_life_days') ~ ", '')", "'|'",
            "coalesce(" ~ leadscore_number_as_text('stg_scoring_rules.window_days') ~ ", '')"
        ])) }} as rule_fingerprint
    from stg_scoring_rules
    inner join int_scoring_models_resolved
        on stg_scoring_rules.model = int_scoring_models_resolved.model
    where
        stg_scoring_rules.source = 'activity'
        -- frequency and per-day-capped rules are counted every run (int_event_rules_counted)
        and stg_scoring_rules.min_count is null
        and stg_scoring_rules.max_count is null
        and stg_scoring_rules.max_per_day is null

)

select
    fingerprinted.rule_id,
    fingerprinted.model,
    fingerprinted.population,
    fingerprinted.activity_type,
    fingerprinted.operator,
    fingerprinted.value,
    fingerprinted.points,
    fingerprinted.half_life_days,
    fingerprinted.window_days,
    fingerprinted.rule_fingerprint,
    previous_rules.rule_fingerprint as summed_fingerprint
from fingerprinted
left join previous_rules
    on fingerprinted.rule_id = previous_rules.rule_id
