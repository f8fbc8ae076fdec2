{#- One text per seed row for the rules_version hash: the seed's name and every column,
    separated so that moving a value between columns changes the text. -#}
{% macro leadscore_row_fingerprint(seed_name, columns) -%}
    {%- set parts = [leadscore_string_literal(seed_name)] -%}
    {%- for column in columns -%}
        {%- do parts.append("'\\x1f'") -%}
        {%- do parts.append("coalesce(cast(" ~ column ~ " as " ~ dbt.type_string() ~ "), '\\x00')") -%}
    {%- endfor -%}
    {{ dbt.concat(parts) }}
{%- endmacro %}
