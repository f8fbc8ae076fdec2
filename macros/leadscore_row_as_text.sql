{#- The whole raw row as one text value (JSON where the engine has it), kept in
    quarantine so a bad row can be read and fixed at its source. `numbered_by` is the
    column the base model added (the row's position), left out where the engine can. -#}
{% macro leadscore_row_as_text(relation_alias, numbered_by) -%}
    {{ return(adapter.dispatch('leadscore_row_as_text', 'leadscore')(relation_alias, numbered_by)) }}
{%- endmacro %}

{% macro default__leadscore_row_as_text(relation_alias, numbered_by) -%}
    cast(row_to_json({{ relation_alias }}) as {{ dbt.type_string() }})
{%- endmacro %}

{% macro duckdb__leadscore_row_as_text(relation_alias, numbered_by) -%}
    cast(to_json(struct_pack(*columns(* exclude ({{ numbered_by }})))) as {{ dbt.type_string() }})
{%- endmacro %}

{#- Spark's to_json leaves null fields out unless told otherwise; DuckDB keeps them. -#}
{% macro spark__leadscore_row_as_text(relation_alias, numbered_by) -%}
    to_json(struct({{ relation_alias }}.* except ({{ numbered_by }})), map('ignoreNullFields', 'false'))
{%- endmacro %}

{% macro postgres__leadscore_row_as_text(relation_alias, numbered_by) -%}
    {#- jsonb: the row number can be left out (jsonb orders the keys its own way) -#}
    cast(to_jsonb({{ relation_alias }}) - {{ leadscore_string_literal(numbered_by) }} as {{ dbt.type_string() }})
{%- endmacro %}
