{#- rules_version: one hash of the contents of the three rule seeds (and the populations,
    job-title pattern and buying-group role seeds), row order ignored, so every score can be traced to the rules that made it. -#}
with scoring_rules as (

    select * from {{ ref('scoring_rules') }}

),

segments as (

    select * from {{ ref('segments') }}

),

grade_bands as (

    select * from {{ ref('grade_bands') }}

),

scoring_models as (

    select * from {{ ref('scoring_models') }}

),

job_title_patterns as (

    select * from {{ ref('job_title_patterns') }}

),

buying_group_roles as (

    select * from {{ ref('buying_group_roles') }}

),

seed_rows as (

    select {{ leadscore_row_fingerprint('scoring_rules', [
        'rule_id', 'model', 'segment', 'dimension', 'source', 'field', 'operator', 'value',
        'value_max', 'points', 'half_life_days', 'window_days', 'max_points', 'description',
        leadscore_optional_column(ref('scoring_rules'), 'min_count'),
        leadscore_optional_column(ref('scoring_rules'), 'max_count'),
        leadscore_optional_column(ref('scoring_rules'), 'max_per_day')]) }} as row_text
    from scoring_rules
    union all
    select {{ leadscore_row_fingerprint('segments', [
        'segment_id', 'priority', 'field', 'operator', 'value', 'value_max']) }}
    from segments
    union all
    select {{ leadscore_row_fingerprint('grade_bands', ['segment', 'scale', 'label', 'min_score']) }}
    from grade_bands
    union all
    select {{ leadscore_row_fingerprint('scoring_models', ['model', 'population', 'description']) }}
    from scoring_models
    union all
    select {{ leadscore_row_fingerprint('job_title_patterns', ['pattern', 'attribute', 'value', 'priority']) }}
    from job_title_patterns
    union all
    select {{ leadscore_row_fingerprint('buying_group_roles', ['role', 'field', 'operator', 'value', 'value_max']) }}
    from buying_group_roles

)

select
    substr({{ dbt.hash(leadscore_sorted_text_agg('row_text', "'\n'")) }}, 1, 12) as rules_version
from seed_rows
