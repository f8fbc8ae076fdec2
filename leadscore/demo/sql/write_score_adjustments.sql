-- COPY the manual score adjustments (the optional input score_adjustments): one for a share
-- of the leads, effective some time after the lead came in and before the end date; `add`
-- (a few points more or less on a dimension) or `set` (a dimension pinned to a value); half
-- of them expire after 14 to 90 days (so some have expired by the end date). Plus dirty rows:
-- an adjustment_id sent twice (the same values, or other points), one with no lead_id.
-- Ordered by adjustment_id.
copy (
    with picked as (
        select
            lead_idx,
            row_number() over (order by lead_idx) as adjustment_number,
            created_at
                + seconds(floor(u(lead_idx, 'adjust-at')
                    * greatest(date_diff('second', created_at, $horizon) - 86400, 3600))) as effective_at,
            u(lead_idx, 'adjust-set') < 0.25 as is_set,
            pick(['fit', 'fit', 'fit', 'fit', 'engagement', 'engagement', 'engagement', 'negative', 'negative'],
                u(lead_idx, 'adjust-dimension')) as dimension
        from lead_latent
        where u(lead_idx, 'adjust-pick') < $adjustment_share
    ),
    adjustments as (
        select
            adjustment_number * 2 as row_key,
            'ADJ' || lpad(adjustment_number::varchar, 5, '0') as adjustment_id,
            'L' || lpad(lead_idx::varchar, $lead_width, '0') as lead_id,
            ts_text(effective_at) as effective_at,
            case when u(lead_idx, 'adjust-expires') < 0.5
                then ts_text(effective_at + seconds(86400 * (14 + floor(u(lead_idx, 'adjust-days') * 77)))) end as expires_at,
            case when is_set then 'set' else 'add' end as mode,
            dimension,
            case
                when is_set and dimension = 'fit' then pick(['0', '50'], u(lead_idx, 'adjust-points'))
                when is_set then '0'
                when dimension = 'negative' then (-5 * (1 + floor(u(lead_idx, 'adjust-points') * 5)))::bigint::varchar
                else (5 * (1 + floor(u(lead_idx, 'adjust-points') * 4)))::bigint::varchar
            end as points,
            case
                when is_set and dimension = 'fit' then 'account manager override'
                when is_set then 'reset after data fix'
                when dimension = 'negative' then pick(['competitor', 'asked not to be contacted before renewal'],
                    u(lead_idx, 'adjust-reason'))
                else pick(['met at trade show', 'referred by a customer', 'strategic account'],
                    u(lead_idx, 'adjust-reason'))
            end as reason
        from picked
    )
    select adjustment_id, lead_id, effective_at, expires_at, mode, dimension, points, reason
    from (
        select * from adjustments

        union all

        -- the same adjustment_id again: the same values (a repeat) or other points (a conflict)
        select
            row_key + 1, adjustment_id, lead_id, effective_at, expires_at, mode, dimension,
            case when row_key % 8 = 0 then points else (points::bigint + 5)::varchar end,
            reason
        from adjustments
        where row_key % 6 = 0

        union all

        select row_key + 1, adjustment_id || 'B', null, effective_at, expires_at, mode, dimension, points, reason
        from adjustments
        where row_key = 2
    )
    order by row_key
) to $path ($copy_options);
