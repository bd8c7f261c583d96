-- Ticket KPIs of SPEC §5 over the tickets created in [from, to), for one or more scopes at once (the live hub
-- and the drill-down table ask for several): per scope, once overall (dim 'all') and once per value of each
-- breakdown in {breakdowns} (channel, category, segment, priority): the sums of the window's partials
-- (sql/fragments/ticket_parts_in_window.sql: stored for settled hours, computed now for the rest;
-- sql/migrations/0011_kpi_rollups.sql) turned into the KPIs. Scopes: scope i holds a zone when (zone IN
-- scope_zones[i]) != scope_exclude[i], so the platform is ([], 1), a region its zone ids with 0, and the
-- `unknown` region every known zone id with 1. The plain zone list {any_zone, listed_zones} lets the tables'
-- keys skip other zones.
-- The window can be cut into consecutive buckets (a series' hours or days, trends' weeks) at
-- {bucket_starts}, the starts of every bucket but the first, whole UTC hours: an hour is in bucket i when i
-- of them are at or before it. One statement then reads a long window once instead of once per bucket;
-- with none, the whole window is bucket 0.
-- The sums are named first and the KPIs are ratios of those columns in an outer SELECT: ClickHouse analyses
-- and plans that 10–20 ms faster than the same ratios written over the aggregates themselves.
WITH
    {scope_zones:Array(Array(String))} AS scope_zones,
    {scope_exclude:Array(UInt8)} AS scope_exclude,
    -- The exact percentile at `level` of n durations (sql/migrations/0020_percentile_values_in_32_bits.sql):
    -- ClickHouse's quantileExact takes the value at floor(level * n) in order, which is `clamped` (that
    -- percentile of the n values clamped to 32 bits) unless it falls among the `wide` ones out of that range
    -- (sorted): those below 0 come first in order, those above 2^32 - 1 last.
    (clamped, wide, n, level) -> multiIf(
        toUInt64(level * n) < arrayCount(v -> v < 0, wide), wide[toUInt64(level * n) + 1],
        n - toUInt64(level * n) <= arrayCount(v -> v > 4294967295, wide), wide[length(wide) - (n - toUInt64(level * n)) + 1],
        clamped) AS exact_percentile
SELECT
    scope_index,
    bucket,
    dim,
    key,
    tickets,
    instant / nullIf(eligible, 0) AS instant_response_rate,
    if(responded = 0, NULL, exact_percentile(frt[1], frt_wide, responded, 0.5) / 1000) AS frt_p50_s,
    if(responded = 0, NULL, exact_percentile(frt[2], frt_wide, responded, 0.9) / 1000) AS frt_p90_s,
    resolved / nullIf(tickets, 0) AS resolution_rate,
    first_contact_resolved / nullIf(resolved, 0) AS fcr_rate,
    reopened / nullIf(tickets, 0) AS repeat_rate,
    if(resolved = 0, NULL, exact_percentile(ttr, ttr_wide, resolved, 0.5) / 1000) AS mttr_p50_s,
    csat_sum / nullIf(rated, 0) AS csat_avg,
    rated AS csat_n,
    bad_reviews / nullIf(rated, 0) AS bad_review_rate,
    bot_resolved / nullIf(resolved, 0) AS bot_resolution_rate,
    followed_up / nullIf(resolved, 0) AS followup_rate,
    urgent_breached AS urgent_sla_breaches,
    promise_broken AS promise_breaches,
    promise_broken * {coupon_cny:Float64} AS coupons_owed_cny,
    compensation AS compensation_cny,
    peak_instant / nullIf(peak_eligible, 0) AS peak_instant_response_rate
FROM (
    SELECT
        scope - 1 AS scope_index, arrayCount(s -> created_hour >= s, {bucket_starts:Array(DateTime)}) AS bucket, dim, key,
        sum(ticket_count) AS tickets, sum(eligible) AS eligible, sum(instant) AS instant, sum(responded) AS responded,
        quantilesExactArray(0.5, 0.9)(frt) AS frt, arraySort(groupArrayArray(frt_wide)) AS frt_wide, sum(resolved) AS resolved,
        sum(first_contact_resolved) AS first_contact_resolved, sum(reopened) AS reopened,
        quantileExactArray(0.5)(ttr) AS ttr, arraySort(groupArrayArray(ttr_wide)) AS ttr_wide, sum(rated) AS rated, sum(csat_sum) AS csat_sum,
        sum(bad_reviews) AS bad_reviews, sum(bot_resolved) AS bot_resolved, sum(followed_up) AS followed_up,
        sum(urgent_breached) AS urgent_breached, sum(promise_broken) AS promise_broken,
        sum(compensation) AS compensation, sum(peak_eligible) AS peak_eligible, sum(peak_instant) AS peak_instant
    FROM (
        -- include: ticket_parts_of_scopes
    )
    GROUP BY scope, bucket, dim, key
)
ORDER BY scope_index, bucket, dim, key
-- Two-level aggregation however few the groups: ClickHouse merges the threads' states of a one-level
-- aggregation and takes every group's exact percentiles in one thread, which over a week's values kept one
-- core idle for the last part of the read; two-level, it spreads the groups over the threads. On a copy of
-- the bench's 10 M tickets, the platform's week with channel and category (computeKpis, 30 runs, three times
-- in turn) took p50 103, 93 and 93 ms against 112, 109 and 98, with no more CPU; today's read did not move.
SETTINGS group_by_two_level_threshold = 1, group_by_two_level_threshold_bytes = 1
