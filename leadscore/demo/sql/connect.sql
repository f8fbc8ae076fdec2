-- Session settings and the seeded random macros of the demo-data generator.
--
-- u(k, salt) is the only source of randomness: a pure function of (seed, row index k, salt)
-- in [0, 1), so it depends neither on threads nor on row order.  DuckDB combines the hashes
-- of several arguments cheaply (draws with different salts would be strongly correlated),
-- so the combined hash is hashed again.  2^53 = 9007199254740992.
--
-- Parameters: $threads, $temp_dir, $seed (in parentheses: -2^63 is a valid seed).
set threads = $threads;
set temp_directory = $temp_dir;
set preserve_insertion_order = true;

create macro h(k, salt) as hash(hash(($seed)::bigint, k::bigint, salt));
create macro h2(k, j, salt) as hash(hash(($seed)::bigint, k::bigint, j::bigint, salt));
create macro u(k, salt) as (h(k, salt) >> 11)::double / 9007199254740992.0;
create macro u2(k, j, salt) as (h2(k, j, salt) >> 11)::double / 9007199254740992.0;

-- a standard normal draw (Box-Muller on two uniform draws)
create macro gauss(k, salt) as
    sqrt(-2.0 * ln(1.0 - u(k, salt || '/radius')))
    * cos(2.0 * pi() * u(k, salt || '/angle'));

-- element of a non-empty list for x in [0, 1); repeated elements make a weighted draw
create macro pick(options, x) as options[1 + floor(x * len(options))::bigint];
create macro ts_text(ts) as strftime(ts, '%Y-%m-%d %H:%M:%S');
create macro seconds(n) as to_seconds(n::bigint);
