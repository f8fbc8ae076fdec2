{#- Conservation (docs/CONTRACT.md section 1): every raw row is kept, quarantined or erased, once.
    Returns one row when raw rows != kept + quarantined + erased, with the counts that
    explain it (duplicates merged into a survivor are quarantined with reason `duplicate`;
    erased rows are the raw rows of a lead in `erased_model`, docs/personal-data.md "Erasure"). -#}
{% macro leadscore_rows_not_conserved(raw_model, kept_model, quarantine_model, erased_model=none) -%}
with raw_rows as (
    select count(*) as raw_rows from {{ raw_model }}
),

kept_rows as (
    select count(*) as kept_rows from {{ kept_model }}
),

quarantined_rows as (
    select
        count(*) as quarantined_rows,
        sum(case when reason = 'duplicate' then 1 else 0 end) as merged_duplicate_rows
    from {{ quarantine_model }}
),

erased_rows as (
    {%- if erased_model is not none %}
    select count(*) as erased_rows
    from {{ raw_model }} as raw_input
    where {{ leadscore_is_erased('raw_input.lead_id', erased_model) }}
    {%- else %}
    select 0 as erased_rows
    {%- endif %}
)

select
    raw_rows.raw_rows,
    kept_rows.kept_rows,
    coalesce(quarantined_rows.merged_duplicate_rows, 0) as merged_duplicate_rows,
    quarantined_rows.quarantined_rows - coalesce(quarantined_rows.merged_duplicate_rows, 0) as other_quarantined_rows,
    erased_rows.erased_rows,
    raw_rows.raw_rows - kept_rows.kept_rows - quarantined_rows.quarantined_rows - erased_rows.erased_rows as unaccounted_rows
from raw_rows
cross join kept_rows
cross join quarantined_rows
cross join erased_rows
where raw_rows.raw_rows != kept_rows.kept_rows + quarantined_rows.quarantined_rows + erased_rows.erased_rows
{%- endmacro %}
