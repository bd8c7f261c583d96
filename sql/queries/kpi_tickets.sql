-- Ticket KPIs of SPEC §5 over the tickets created in [from, to), for one or more scopes at once (the live
-- hub and the drill-down table ask for several): per scope, once overall (dim 'all') and once per channel,
-- category, segment and priority, all from one read of ticket_state (sql/migrations/0009).
-- Scopes: scope i holds a zone when (zone IN scope_zones[i]) != scope_exclude[i], so the platform is
-- ([], 1), a region its zone ids with 0, and the `unknown` region every known zone id with 1.
WITH
    {now:DateTime64(3)} AS now_ts,
    {scope_zones:Array(Array(String))} AS scope_zones,
    {scope_exclude:Array(UInt8)} AS scope_exclude,
    per_ticket AS (
        SELECT ticket_id,
               assumeNotNull(min(created_at)) AS created,
               max(zone) AS ticket_zone, max(channel) AS ticket_channel, max(category) AS ticket_category,
               max(segment) AS ticket_segment, max(priority) AS ticket_priority,
               minOrNullIfMerge(first_response_at) AS first_response,
               maxOrNullIfMerge(last_resolved_at)  AS resolved_at,
               argMaxIfMerge(resolved_by)          AS last_resolver,
               argMaxIfMerge(compensation_cny)     AS last_compensation,
               argMaxIfMerge(csat)                 AS last_csat,
               sum(transfers) + sum(escalations) + sum(reopens) AS handoffs,
               sum(reopens)                        AS reopen_count,
               max(followed_up)                    AS was_followed_up
        FROM ticket_state
        -- the window's creation days (UTC, as the column), and 1970-01-01 for lifecycles that arrived first;
        -- rows of zones in no scope are skipped, rows whose zone is not known yet ('') are always read
        WHERE (created_day BETWEEN toDate({from:DateTime64(3)}) AND toDate({to:DateTime64(3)}) OR created_day = toDate(0))
          AND (zone = '' OR arrayExists(i -> has(scope_zones[i], zone) != scope_exclude[i], range(1, length(scope_exclude) + 1)))
        GROUP BY ticket_id
        HAVING created >= {from:DateTime64(3)} AND created < {to:DateTime64(3)}
    ),
    t AS (
        SELECT arrayFilter(i -> has(scope_zones[i], ticket_zone) != scope_exclude[i], range(1, length(scope_exclude) + 1)) AS scopes,
               created, ticket_channel, ticket_category, ticket_segment, ticket_priority,
               first_response IS NOT NULL AS responded,
               dateDiff('millisecond', created, first_response) / 1000 AS frt_s,
               resolved_at IS NOT NULL AS resolved,
               dateDiff('millisecond', created, resolved_at) / 1000 AS ttr_s,
               dateDiff('millisecond', created, now_ts) / 1000 AS age_s,
               -- tickets younger than 60 s without a response do not count against instant response yet
               NOT (NOT responded AND age_s < 60) AS instant_eligible,
               frt_s <= 60 AS instant,
               toHour(created, {tz:String}) * 60 + toMinute(created, {tz:String}) AS minute_of_day,
               has({promo_days:Array(String)}, formatDateTime(created, '%m-%d', {tz:String}))
                 OR arrayExists((s, e) -> minute_of_day >= s AND minute_of_day < e, {peak_starts:Array(UInt16)}, {peak_ends:Array(UInt16)}) AS peak,
               last_resolver AS resolved_by, last_compensation AS compensation, last_csat AS csat,
               handoffs, reopen_count AS reopens, was_followed_up AS followed_up
        FROM per_ticket
        WHERE notEmpty(scopes)
    )
SELECT
    scope - 1 AS scope_index,
    multiIf(grouping(ticket_channel) = 0, 'channel', grouping(ticket_category) = 0, 'category',
            grouping(ticket_segment) = 0, 'segment', grouping(ticket_priority) = 0, 'priority', 'all') AS dim,
    multiIf(dim = 'channel', toString(ticket_channel), dim = 'category', toString(ticket_category),
            dim = 'segment', toString(ticket_segment), dim = 'priority', toString(ticket_priority), '') AS key,
    count() AS tickets,
    countIf(instant) / nullIf(countIf(instant_eligible), 0) AS instant_response_rate,
    if(countIf(responded) = 0, NULL, quantileExactIf(0.5)(frt_s, responded)) AS frt_p50_s,
    if(countIf(responded) = 0, NULL, quantileExactIf(0.9)(frt_s, responded)) AS frt_p90_s,
    countIf(resolved) / nullIf(count(), 0) AS resolution_rate,
    countIf(resolved AND handoffs = 0) / nullIf(countIf(resolved), 0) AS fcr_rate,
    countIf(reopens > 0) / nullIf(count(), 0) AS repeat_rate,
    if(countIf(resolved) = 0, NULL, quantileExactIf(0.5)(ttr_s, resolved)) AS mttr_p50_s,
    if(countIf(csat > 0) = 0, NULL, avgIf(csat, csat > 0)) AS csat_avg,
    countIf(csat > 0) AS csat_n,
    countIf(csat BETWEEN 1 AND 2) / nullIf(countIf(csat > 0), 0) AS bad_review_rate,
    countIf(resolved AND resolved_by = 'bot') / nullIf(countIf(resolved), 0) AS bot_resolution_rate,
    countIf(resolved AND followed_up = 1) / nullIf(countIf(resolved), 0) AS followup_rate,
    countIf(ticket_priority = 'urgent' AND (responded AND frt_s > 900 OR NOT responded AND age_s > 900)) AS urgent_sla_breaches,
    countIf(responded AND frt_s > 180 OR NOT responded AND age_s > 180) AS promise_breaches,
    promise_breaches * {coupon_cny:Float64} AS coupons_owed_cny,
    sumIf(compensation, resolved) AS compensation_cny,
    countIf(peak AND instant) / nullIf(countIf(peak AND instant_eligible), 0) AS peak_instant_response_rate
FROM t
ARRAY JOIN scopes AS scope
-- the scope-wide row and one row per value of each breakdown, without copying rows as an ARRAY JOIN would
GROUP BY GROUPING SETS ((scope), (scope, ticket_channel), (scope, ticket_category), (scope, ticket_segment), (scope, ticket_priority))
ORDER BY scope, dim, key
