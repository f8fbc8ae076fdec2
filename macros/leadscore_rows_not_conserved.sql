{#- Conservation (CONTRACT.md section 1): every raw row is kept or quarantined, once.
    Returns one row when raw rows != kept + quarantined, with the counts that explain
    it (duplicates merged into a survivor are quarantined with reason `duplicate`). -#}
{% macro leadscore_rows_not_conserved(raw_model, kept_model, quarantine_model) -%}
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
)

select
    raw_rows.raw_rows,
    kept_rows.kept_rows,
    coalesce(quarantined_rows.merged_duplicate_rows, 0) as merged_duplicate_rows,
    quarantined_rows.quarantined_rows - coalesce(quarantined_rows.merged_duplicate_rows, 0) as other_quarantined_rows,
    raw_rows.raw_rows - kept_rows.kept_rows - quarantined_rows.quarantined_rows as unaccounted_rows
from raw_rows
cross join kept_rows
cross join quarantined_rows
where raw_rows.raw_rows != kept_rows.kept_rows + quarantined_rows.quarantined_rows
{%- endmacro %}
