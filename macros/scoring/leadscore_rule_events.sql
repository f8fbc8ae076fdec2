{#- Events paired with the rules (those passing `rule_filter`) they can match by type: an
    equi-join for rules of one type and a separate pass for `*` rules keeps the join a hash
    join. With `contexts`, only the events of a rule's model's customers (source_lead_id,
    model), from their counting start (counted_from) on. -#}
{% macro leadscore_rule_events(events, rules, rule_filter, contexts=none) -%}
    {%- for any_type in [false, true] %}
    select
        {{ events }}.source_lead_id,
        {{ events }}.url,
        {{ events }}.occurred_at,
        {{ events }}.as_of,
        {{ rules }}.*
    from {{ events }}
    {%- if contexts is not none %}
    inner join {{ contexts }}
        on
            {{ events }}.source_lead_id = {{ contexts }}.source_lead_id
            and ({{ contexts }}.counted_from is null or {{ events }}.occurred_at >= {{ contexts }}.counted_from)
    {%- endif %}
    {%- if any_type %}
    inner join {{ rules }}
        on {{ rules }}.activity_type = '*'
    {%- else %}
    inner join {{ rules }}
        on {{ events }}.activity_type = {{ rules }}.activity_type
    {%- endif %}
    {%- if contexts is not none %}
            and {{ contexts }}.model = {{ rules }}.model
    {%- endif %}
    where {{ rules }}.{{ rule_filter }}
    {%- if not any_type %}

    union all
    {%- endif %}
    {%- endfor %}
{%- endmacro %}
