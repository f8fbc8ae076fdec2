{#- The points activity rules give, per source lead and rule, from one set of events
    (docs/CONTRACT.md section 3): each matching event up to its as_of adds
    points x 0.5^(age_days / half_life_days) (no decay without a half-life); with a window
    only events with age_days <= window_days count. Events match by activity_type (or any,
    `*`) and the optional url filter (contains / regex). For customer models only the
    customers in `contexts` count, from their conversion (counted_from, null = always).
    `events` has source_lead_id, activity_type, url, occurred_at, as_of; `rules` has
    rule_id, model, population, activity_type, operator, value, points, half_life_days,
    window_days; `contexts` has source_lead_id, model, counted_from. Returns
    source_lead_id, model, rule_id, decayed_points, matched_events. Caps come later. -#}
{% macro leadscore_activity_rule_points(events, rules, contexts) -%}
    select
        matched.source_lead_id,
        matched.model,
        matched.rule_id,
        sum(
            matched.points * case
                when matched.half_life_days is null then 1.0
                else power(0.5, matched.age_days / matched.half_life_days)
            end
        ) as decayed_points,
        count(*) as matched_events
    from (
        select
            rule_events.source_lead_id,
            rule_events.model,
            rule_events.rule_id,
            rule_events.points,
            rule_events.half_life_days,
            rule_events.window_days,
            {{ leadscore_age_days('rule_events.as_of', 'rule_events.occurred_at') }} as age_days
        from (
            -- rules of models that score every lead: every event
            {{ leadscore_rule_events(events, rules, "population != 'customers'") }}

            union all

            -- rules of customer models: their customers' events only, from the counting start
            -- on (the events meet the customers first, so no other lead's event meets a rule)
            {{ leadscore_rule_events(events, rules, "population = 'customers'", contexts) }}
        ) as rule_events
        where
            rule_events.occurred_at <= rule_events.as_of
            and (
                rule_events.operator is null
                or (
                    rule_events.operator = 'contains'
                    and {{ leadscore_text_contains('rule_events.url', 'rule_events.value') }}
                )
                or (rule_events.operator = 'regex' and {{ leadscore_regex_search('rule_events.url', 'rule_events.value') }})
            )
    ) as matched
    where matched.window_days is null or matched.age_days <= matched.window_days
    group by matched.source_lead_id, matched.model, matched.rule_id
{%- endmacro %}
