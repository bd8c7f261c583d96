-- Ticket KPIs of SPEC §5 over the tickets created in [from, to), for one or more scopes at once (the live
-- hub and the drill-down table ask for several): per scope, once overall (dim 'all') and once per channel,
-- category, segment and priority, from one read of the window's tickets (tickets_in_window,
-- sql/migrations/0010_ticket_summary.sql).
-- Scopes: scope i holds a zone when (zone IN scope_zones[i]) != scope_exclude[i], so the platform is
-- ([], 1), a region its zone ids with 0, and the `unknown` region every known zone id with 1.
WITH
    {now:DateTime64(3)} AS now_ts,
    {scope_zones:Array(Array(String))} AS scope_zones,
    {scope_exclude:Array(UInt8)} AS scope_exclude,
    t AS (
        SELECT arrayFilter(i -> has(scope_zones[i], zone) != scope_exclude[i], range(1, length(scope_exclude) + 1)) AS scopes,
               created, channel AS ticket_channel, category AS ticket_category, segment AS ticket_segment, priority AS ticket_priority,
               first_response_at IS NOT NULL AS responded,
               dateDiff('millisecond', created, first_response_at) AS frt_ms,
               resolution.at > toDateTime64(0, 3, 'UTC') AS resolved,
               dateDiff('millisecond', created, resolution.at) AS ttr_ms,
               dateDiff('millisecond', created, now_ts) AS age_ms,
               -- tickets younger than 60 s without a response do not count against instant response yet
               NOT (NOT responded AND age_ms < 60000) AS instant_eligible,
               responded AND frt_ms <= 60000 AS instant,
               toHour(created, {tz:String}) * 60 + toMinute(created, {tz:String}) AS minute_of_day,
               -- promotion days as month * 100 + day (06-18 is 618): cheaper per ticket than formatting a date
               has({promo_days:Array(UInt16)}, toMonth(created, {tz:String}) * 100 + toDayOfMonth(created, {tz:String}))
                 OR arrayExists((s, e) -> minute_of_day >= s AND minute_of_day < e, {peak_starts:Array(UInt16)}, {peak_ends:Array(UInt16)}) AS peak,
               resolution.by_bot = 1 AS by_bot, resolution.compensation_cny AS compensation, rating.csat AS csat,
               transfers + escalations + reopens AS handoffs, reopens, followed_up
        FROM tickets_in_window(from = {from:DateTime64(3)}, to = {to:DateTime64(3)})
        -- the plain zone list lets the table's key skip other zones' granules
        WHERE ({any_zone:UInt8} = 1 OR zone IN {listed_zones:Array(String)}) AND notEmpty(scopes)
    )
SELECT
    scope - 1 AS scope_index,
    multiIf(grouping(ticket_channel) = 0, 'channel', grouping(ticket_category) = 0, 'category',
            grouping(ticket_segment) = 0, 'segment', grouping(ticket_priority) = 0, 'priority', 'all') AS dim,
    multiIf(dim = 'channel', toString(ticket_channel), dim = 'category', toString(ticket_category),
            dim = 'segment', toString(ticket_segment), dim = 'priority', toString(ticket_priority), '') AS key,
    count() AS tickets,
    countIf(instant) / nullIf(countIf(instant_eligible), 0) AS instant_response_rate,
    -- both first-response percentiles from one state (ClickHouse computes an aggregate written twice once);
    -- times are in ms up to here, seconds out
    if(countIf(responded) = 0, NULL, quantilesExactIf(0.5, 0.9)(frt_ms, responded)[1] / 1000) AS frt_p50_s,
    if(countIf(responded) = 0, NULL, quantilesExactIf(0.5, 0.9)(frt_ms, responded)[2] / 1000) AS frt_p90_s,
    countIf(resolved) / nullIf(count(), 0) AS resolution_rate,
    countIf(resolved AND handoffs = 0) / nullIf(countIf(resolved), 0) AS fcr_rate,
    countIf(reopens > 0) / nullIf(count(), 0) AS repeat_rate,
    if(countIf(resolved) = 0, NULL, quantileExactIf(0.5)(ttr_ms, resolved) / 1000) AS mttr_p50_s,
    if(countIf(csat > 0) = 0, NULL, avgIf(csat, csat > 0)) AS csat_avg,
    countIf(csat > 0) AS csat_n,
    countIf(csat BETWEEN 1 AND 2) / nullIf(countIf(csat > 0), 0) AS bad_review_rate,
    countIf(resolved AND by_bot) / nullIf(countIf(resolved), 0) AS bot_resolution_rate,
    countIf(resolved AND followed_up = 1) / nullIf(countIf(resolved), 0) AS followup_rate,
    countIf(ticket_priority = 'urgent' AND (responded AND frt_ms > 900000 OR NOT responded AND age_ms > 900000)) AS urgent_sla_breaches,
    countIf(responded AND frt_ms > 180000 OR NOT responded AND age_ms > 180000) AS promise_breaches,
    promise_breaches * {coupon_cny:Float64} AS coupons_owed_cny,
    sumIf(compensation, resolved) AS compensation_cny,
    countIf(peak AND instant) / nullIf(countIf(peak AND instant_eligible), 0) AS peak_instant_response_rate
FROM t
ARRAY JOIN scopes AS scope
-- the scope-wide row and one row per value of each breakdown, without copying rows as an ARRAY JOIN would
GROUP BY GROUPING SETS ((scope), (scope, ticket_channel), (scope, ticket_category), (scope, ticket_segment), (scope, ticket_priority))
ORDER BY scope, dim, key
