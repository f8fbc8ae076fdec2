{#- The whole raw row as one text value (JSON where the engine has it), kept in
    quarantine so a bad row can be read and fixed at its source. `numbered_by` is the
    column the base model added (the row's position; its file, __leadscore_delivery_file,
    goes too), left out where the engine can;
    `left_out` are input columns (as named in the input) that must not be copied: the
    personal ones of the leads input (docs/personal-data.md). -#}
{% macro leadscore_row_as_text(relation_alias, numbered_by, left_out=[]) -%}
    {{ return(adapter.dispatch('leadscore_row_as_text', 'leadscore')(relation_alias, numbered_by, left_out)) }}
{%- endmacro %}

{% macro default__leadscore_row_as_text(relation_alias, numbered_by, left_out=[]) -%}
    {%- if left_out -%}
        {{ exceptions.raise_compiler_error("leadscore: leaving columns out of raw_record is not implemented on " ~ target.type) }}
    {%- endif -%}
    cast(row_to_json({{ relation_alias }}) as {{ dbt.type_string() }})
{%- endmacro %}

{% macro duckdb__leadscore_row_as_text(relation_alias, numbered_by, left_out=[]) -%}
    {%- set excluded = [numbered_by, '__leadscore_delivery_file'] -%}
    {%- for column in left_out -%}
        {%- do excluded.append(leadscore_quote_identifier(column)) -%}
    {%- endfor -%}
    cast(to_json(struct_pack(*columns(* exclude ({{ excluded | join(', ') }})))) as {{ dbt.type_string() }})
{%- endmacro %}

{#- Spark's to_json leaves null fields out unless told otherwise; DuckDB keeps them. -#}
{% macro spark__leadscore_row_as_text(relation_alias, numbered_by, left_out=[]) -%}
    {%- set excluded = [numbered_by, '__leadscore_delivery_file'] -%}
    {%- for column in left_out -%}
        {%- do excluded.append(leadscore_quote_identifier(column)) -%}
    {%- endfor -%}
    to_json(struct({{ relation_alias }}.* except ({{ excluded | join(', ') }})), map('ignoreNullFields', 'false'))
{%- endmacro %}

{% macro postgres__leadscore_row_as_text(relation_alias, numbered_by, left_out=[]) -%}
    {#- jsonb: the row number can be left out (jsonb orders the keys its own way); the keys
        go in one deletion (each `- key` would copy the whole value again: 5 s of 5M rows) -#}
    {%- set excluded = [numbered_by, '__leadscore_delivery_file'] + left_out -%}
    cast(to_jsonb({{ relation_alias }}) - cast(array[{{ leadscore_string_literal_list(excluded) }}] as text[]) as {{ dbt.type_string() }})
{%- endmacro %}
