{#- The bands that apply to each segment (every segment of the seed, and `default`): a
    segment's own rows for a scale replace the `*` rows of that scale. -#}
with stg_grade_bands as (

    select * from {{ ref('stg_grade_bands') }}

),

stg_segments as (

    select * from {{ ref('stg_segments') }}

),

all_segments as (

    select distinct segment_id from stg_segments
    union
    select 'default' as segment_id

),

own_scales as (

    select distinct
        segment_id,
        scale
    from stg_grade_bands
    where segment_id != '*'

)

select
    all_segments.segment_id,
    stg_grade_bands.scale,
    stg_grade_bands.label,
    stg_grade_bands.min_score
from all_segments
inner join stg_grade_bands
    on all_segments.segment_id = stg_grade_bands.segment_id

union all

select
    all_segments.segment_id,
    stg_grade_bands.scale,
    stg_grade_bands.label,
    stg_grade_bands.min_score
from all_segments
cross join stg_grade_bands
left join own_scales
    on
        all_segments.segment_id = own_scales.segment_id
        and stg_grade_bands.scale = own_scales.scale
where
    stg_grade_bands.segment_id = '*'
    and own_scales.scale is null
