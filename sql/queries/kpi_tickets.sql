-- Ticket KPIs of SPEC §5 over the tickets created in [from, to), for one or more scopes at once (the live hub
-- and the drill-down table ask for several): per scope, once overall (dim 'all') and once per channel,
-- category, segment and priority: the sums of the window's partials
-- (sql/fragments/ticket_parts_in_window.sql: stored for settled hours, computed now for the rest;
-- sql/migrations/0011_kpi_rollups.sql) turned into the KPIs. Scopes: scope i holds a zone when (zone IN
-- scope_zones[i]) != scope_exclude[i], so the platform is ([], 1), a region its zone ids with 0, and the
-- `unknown` region every known zone id with 1. The plain zone list {any_zone, listed_zones} lets the tables'
-- keys skip other zones.
WITH
    {scope_zones:Array(Array(String))} AS scope_zones,
    {scope_exclude:Array(UInt8)} AS scope_exclude
SELECT
    scope - 1 AS scope_index,
    dim,
    key,
    sum(ticket_count) AS tickets,
    sum(instant) / nullIf(sum(eligible), 0) AS instant_response_rate,
    if(sum(responded) = 0, NULL, quantilesExactIfMerge(0.5, 0.9)(frt)[1] / 1000) AS frt_p50_s,
    if(sum(responded) = 0, NULL, quantilesExactIfMerge(0.5, 0.9)(frt)[2] / 1000) AS frt_p90_s,
    sum(resolved) / nullIf(sum(ticket_count), 0) AS resolution_rate,
    sum(first_contact_resolved) / nullIf(sum(resolved), 0) AS fcr_rate,
    sum(reopened) / nullIf(sum(ticket_count), 0) AS repeat_rate,
    if(sum(resolved) = 0, NULL, quantileExactIfMerge(0.5)(ttr) / 1000) AS mttr_p50_s,
    sum(csat_sum) / nullIf(sum(rated), 0) AS csat_avg,
    sum(rated) AS csat_n,
    sum(bad_reviews) / nullIf(sum(rated), 0) AS bad_review_rate,
    sum(bot_resolved) / nullIf(sum(resolved), 0) AS bot_resolution_rate,
    sum(followed_up) / nullIf(sum(resolved), 0) AS followup_rate,
    sum(urgent_breached) AS urgent_sla_breaches,
    sum(promise_broken) AS promise_breaches,
    promise_breaches * {coupon_cny:Float64} AS coupons_owed_cny,
    sum(compensation) AS compensation_cny,
    sum(peak_instant) / nullIf(sum(peak_eligible), 0) AS peak_instant_response_rate
FROM (
    -- include: ticket_parts_in_window
)
ARRAY JOIN arrayFilter(i -> has(scope_zones[i], zone) != scope_exclude[i], range(1, length(scope_exclude) + 1)) AS scope
GROUP BY scope, dim, key
ORDER BY scope, dim, key
