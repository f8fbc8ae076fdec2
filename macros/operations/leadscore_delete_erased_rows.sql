{#- Post-hook of the tables that keep rows from run to run (the event store, history):
    deletes the rows of erased leads (stg_erasure_requests), so that an erasure request
    reaches what earlier runs stored. The model needs `-- depends_on:` on
    stg_erasure_requests. -#}
{% macro leadscore_delete_erased_rows(lead_id_column) -%}
    {{ return(adapter.dispatch('leadscore_delete_erased_rows', 'leadscore')(lead_id_column)) }}
{%- endmacro %}

{% macro default__leadscore_delete_erased_rows(lead_id_column) -%}
    delete from {{ this }}
    where {{ lead_id_column }} in (select erased.lead_id from {{ ref('stg_erasure_requests') }} as erased)
{%- endmacro %}

{#- Spark's Parquet tables cannot delete rows: a run that would have to stops, saying that
    a full refresh (which rebuilds them from the input, without the erased leads) is needed. -#}
{% macro spark__leadscore_delete_erased_rows(lead_id_column) -%}
    {%- if execute -%}
        {%- set stored = run_query(
            "select count(*) from " ~ this ~ " where " ~ lead_id_column
            ~ " in (select erased.lead_id from " ~ ref('stg_erasure_requests') ~ " as erased)") -%}
        {%- if stored.rows[0][0] > 0 -%}
            {{ exceptions.raise_compiler_error("leadscore: " ~ this ~ " holds " ~ stored.rows[0][0] ~ " rows of erased leads, and Spark cannot delete rows from Parquet tables: run with --full-refresh to rebuild it without them") }}
        {%- endif -%}
    {%- endif -%}
{%- endmacro %}
