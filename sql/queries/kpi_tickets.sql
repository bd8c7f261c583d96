-- Ticket KPIs of SPEC §5 over the tickets created in [from, to) in the scope's zones: once for the whole
-- scope (dim 'all') and once per channel, category, segment and priority, in a single scan.
-- Scope: a zone is in scope when (zone IN zones) != exclude_zones, so the platform is ([], 1), a region its
-- zone ids with 0, and the `unknown` region every known zone id with 1.
WITH
    {now:DateTime64(3)} AS now_ts,
    created AS (
        SELECT ticket_id, min(created_at) AS created, any(channel) AS channel, any(category) AS category,
               any(segment) AS segment, any(priority) AS priority
        FROM tickets
        WHERE created_at >= {from:DateTime64(3)} AND created_at < {to:DateTime64(3)}
          AND (zone IN {zones:Array(String)}) != {exclude_zones:UInt8}
        GROUP BY ticket_id
    ),
    life AS (
        SELECT ticket_id,
               minOrNullIfMerge(first_response_at) AS first_response_at,
               maxOrNullIfMerge(last_resolved_at)  AS resolved_at,
               argMaxIfMerge(resolved_by)          AS resolved_by,
               argMaxIfMerge(compensation_cny)     AS compensation_cny,
               argMaxIfMerge(csat)                 AS csat,
               sum(transfers) + sum(escalations) + sum(reopens) AS handoffs,
               sum(reopens)                        AS reopen_count,
               max(followed_up)                    AS was_followed_up
        FROM ticket_state
        -- the state of these tickets only: their creation days, and 1970-01-01 for lifecycles that arrived first
        WHERE (created_day IN (SELECT toDate(created) FROM created) OR created_day = toDate(0))
          AND ticket_id IN (SELECT ticket_id FROM created)
        GROUP BY ticket_id
    ),
    t AS (
        SELECT c.ticket_id AS ticket_id, c.created AS created_at, channel, category, segment, priority,
               l.first_response_at IS NOT NULL AS responded,
               dateDiff('millisecond', c.created, l.first_response_at) / 1000 AS frt_s,
               l.resolved_at IS NOT NULL AS resolved,
               dateDiff('millisecond', c.created, l.resolved_at) / 1000 AS ttr_s,
               dateDiff('millisecond', c.created, now_ts) / 1000 AS age_s,
               -- tickets younger than 60 s without a response do not count against instant response yet
               NOT (NOT responded AND age_s < 60) AS instant_eligible,
               frt_s <= 60 AS instant,
               has({promo_days:Array(String)}, formatDateTime(c.created, '%m-%d', {tz:String}))
                 OR arrayExists((s, e) -> (toHour(c.created, {tz:String}) * 60 + toMinute(c.created, {tz:String})) >= s
                                          AND (toHour(c.created, {tz:String}) * 60 + toMinute(c.created, {tz:String})) < e,
                                {peak_starts:Array(UInt16)}, {peak_ends:Array(UInt16)}) AS peak,
               l.resolved_by AS resolved_by, l.compensation_cny AS compensation_cny, l.csat AS csat,
               l.handoffs AS handoffs, l.reopen_count AS reopens, l.was_followed_up AS followed_up
        FROM created AS c
        LEFT JOIN life AS l ON l.ticket_id = c.ticket_id
    )
SELECT
    g.1 AS dim,
    g.2 AS key,
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
    countIf(priority = 'urgent' AND (responded AND frt_s > 900 OR NOT responded AND age_s > 900)) AS urgent_sla_breaches,
    countIf(responded AND frt_s > 180 OR NOT responded AND age_s > 180) AS promise_breaches,
    promise_breaches * {coupon_cny:Float64} AS coupons_owed_cny,
    sumIf(compensation_cny, resolved) AS compensation_cny,
    countIf(peak AND instant) / nullIf(countIf(peak AND instant_eligible), 0) AS peak_instant_response_rate
FROM t
ARRAY JOIN [('all', ''), ('channel', toString(channel)), ('category', toString(category)),
            ('segment', toString(segment)), ('priority', toString(priority))] AS g
GROUP BY dim, key
ORDER BY dim, key
