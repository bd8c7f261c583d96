-- Ticket KPIs of SPEC §5 over the tickets created in [from, to), for one or more scopes at once (the live
-- hub and the drill-down table ask for several): per scope, once overall (dim 'all') and once per channel,
-- category, segment and priority. It adds up the partials of the window's zone-hours stored in
-- ticket_kpi_hours (whole hours) and ticket_kpi_cuts (hours the window's edge cuts through), which the server brings up to date first (ticket_kpi_hours_due.sql,
-- ticket_kpi_hours_refresh.sql, where the per-ticket definitions are): of each zone-hour, the latest
-- version, read whole when its tickets all lie in the window, else its cut by the window's edge.
-- Scopes: scope i holds a zone when (zone IN scope_zones[i]) != scope_exclude[i], so the platform is
-- ([], 1), a region its zone ids with 0, and the `unknown` region every known zone id with 1. The plain
-- zone list {any_zone, listed_zones} lets the table's key skip other zones.
WITH
    {from:DateTime64(3)} AS from_ts,
    {to:DateTime64(3)} AS to_ts,
    {now:DateTime64(3)} AS now_ts,
    {scope_zones:Array(Array(String))} AS scope_zones,
    {scope_exclude:Array(UInt8)} AS scope_exclude,
    toDateTime64(created_hour, 3, 'UTC') AS hour_start,
    toDateTime64(created_hour + INTERVAL 1 HOUR, 3, 'UTC') AS hour_end,
    zone_first >= from_ts AND zone_last < to_ts AS whole
SELECT
    scope - 1 AS scope_index,
    dim,
    key,
    sum(ticket_count) AS tickets,
    -- unanswered tickets younger than 60 s at {now} do not count against instant response yet
    sum(instant) / nullIf(sum(ticket_count) - sum(arrayCount(c -> c > now_ts - INTERVAL 60 SECOND, unanswered)), 0) AS instant_response_rate,
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
    sum(urgent_late) + sum(arrayCount(c -> c < now_ts - INTERVAL 900 SECOND, urgent_unanswered)) AS urgent_sla_breaches,
    sum(promise_late) + sum(arrayCount(c -> c < now_ts - INTERVAL 180 SECOND, unanswered)) AS promise_breaches,
    promise_breaches * {coupon_cny:Float64} AS coupons_owed_cny,
    sum(compensation) AS compensation_cny,
    sum(peak_instant) / nullIf(sum(peak_tickets) - sum(arrayCount(c -> c > now_ts - INTERVAL 60 SECOND, peak_unanswered)), 0) AS peak_instant_response_rate
FROM (
    -- of each zone-hour, the rows of the cut this window reads, and of those the latest version: a refresh
    -- writes all of a zone-hour's rows and FINAL keeps one copy of each, but an older version may still hold
    -- rows for breakdown values the latest has no more
    SELECT *, max(source_rows) OVER (PARTITION BY created_hour, zone) AS latest
    FROM (
        SELECT * FROM ticket_kpi_hours FINAL
        WHERE created_hour BETWEEN toStartOfHour(from_ts) AND to_ts AND settings_key = {settings_key:String}
          AND ({any_zone:UInt8} = 1 OR zone IN {listed_zones:Array(String)})
        UNION ALL
        SELECT * FROM ticket_kpi_cuts FINAL
        WHERE created_hour BETWEEN toStartOfHour(from_ts) AND to_ts AND settings_key = {settings_key:String}
          AND ({any_zone:UInt8} = 1 OR zone IN {listed_zones:Array(String)})
    )
    WHERE (cut_from, cut_to) = if(whole, (hour_start, hour_end), (greatest(hour_start, from_ts), least(hour_end, to_ts)))
)
ARRAY JOIN arrayFilter(i -> has(scope_zones[i], zone) != scope_exclude[i], range(1, length(scope_exclude) + 1)) AS scope
WHERE source_rows = latest AND dim != 'outside'
GROUP BY scope, dim, key
ORDER BY scope, dim, key
