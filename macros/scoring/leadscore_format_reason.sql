{#- A reason as reps read it: signed whole points, then the rule's description
    ("+30 Requested a demo", "-15 No activity for more than 60 days"). -#}
{% macro leadscore_format_reason(points_expression, description_expression) -%}
    {{ dbt.concat([
        "case when " ~ points_expression ~ " >= 0 then '+' else '' end",
        "cast(cast(round(" ~ points_expression ~ ") as " ~ dbt.type_bigint() ~ ") as " ~ dbt.type_string() ~ ")",
        "' '",
        description_expression
    ]) }}
{%- endmacro %}
