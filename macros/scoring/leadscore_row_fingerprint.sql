{#- One text per seed row for the rules_version hash: the seed's name and every column,
    separated so that moving a value between columns changes the text. The separators are
    the four characters \x1f and \x00 (not control characters), quoted for the engine. -#}
{% macro leadscore_row_fingerprint(seed_name, columns) -%}
    {%- set parts = [leadscore_string_literal(seed_name)] -%}
    {%- for column in columns -%}
        {%- do parts.append(leadscore_string_literal('\\x1f')) -%}
        {%- do parts.append("coalesce(cast(" ~ column ~ " as " ~ dbt.type_string() ~ "), " ~ leadscore_string_literal('\\x00') ~ ")") -%}
    {%- endfor -%}
    {{ dbt.concat(parts) }}
{%- endmacro %}
