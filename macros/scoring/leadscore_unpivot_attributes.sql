{#- Wide custom-attribute columns (attr__<name>) of `relation` to long rows:
    (key, attribute_name, attribute_value, attribute_number), one row per non-null value.
    attribute_number is the value read as a number where it is one, for numeric rules. -#}
{% macro leadscore_unpivot_attributes(relation, key_column, attribute_columns) -%}
    {%- if attribute_columns | length == 0 %}
select
    cast(null as {{ dbt.type_string() }}) as {{ key_column }},
    cast(null as {{ dbt.type_string() }}) as attribute_name,
    cast(null as {{ dbt.type_string() }}) as attribute_value,
    cast(null as {{ leadscore_type_double() }}) as attribute_number
from {{ relation }}
where 1 = 0
    {%- else %}
select
    {{ key_column }},
    -- normalised names never hold '__', so only the prefix is removed
    replace(attribute_name, 'attr__', '') as attribute_name,
    attribute_value,
    {{ leadscore_parse_number('attribute_value') }} as attribute_number
from (
    {{ leadscore_unpivot(relation, key_column, attribute_columns) }}
) as unpivoted
where attribute_value is not null
    {%- endif %}
{%- endmacro %}
