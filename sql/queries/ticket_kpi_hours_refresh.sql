-- The SPEC §5 ticket KPIs of these zone-hours ({zone_hours}) as partial sums and percentile states, stored in
-- {table}: ticket_kpi_hours for whole hours, ticket_kpi_cuts for hours cut by a window's edge
-- (sql/migrations/0011_kpi_rollups.sql). For each zone-hour, of its tickets created in its cut, the hour
-- clipped to [from, to); per breakdown value (dim 'all' with key '' for the zone-hour,
-- then one row per channel, category, segment and priority). Tickets outside the cut give one row of dim
-- 'outside'. kpi_tickets.sql turns the sums into KPIs; times are in ms up to there.
INSERT INTO {table:Identifier}
SELECT created_hour, zone, {settings_key:String} AS settings_key, cut_from, cut_to, dim_key.1 AS dim, dim_key.2 AS key,
       any(zone_rows) AS source_rows, any(zone_first_at) AS zone_first, any(zone_last_at) AS zone_last, now() AS refreshed_at,
       count() AS ticket_count,
       countIf(has_response) AS responded,
       countIf(has_response AND frt_ms <= 60000) AS instant,
       groupArrayIf(created, NOT has_response) AS unanswered,
       -- both first-response percentiles from one state
       quantilesExactIfState(0.5, 0.9)(frt_ms, has_response) AS frt,
       countIf(is_resolved) AS resolved,
       countIf(is_resolved AND handoffs = 0) AS first_contact_resolved,
       countIf(reopens > 0) AS reopened,
       quantileExactIfState(0.5)(ttr_ms, is_resolved) AS ttr,
       countIf(csat > 0) AS rated,
       sumIf(toUInt64(csat), csat > 0) AS csat_sum,
       countIf(csat BETWEEN 1 AND 2) AS bad_reviews,
       countIf(is_resolved AND by_bot) AS bot_resolved,
       countIf(is_resolved AND has_followup) AS followed_up,
       countIf(is_urgent AND has_response AND frt_ms > 900000) AS urgent_late,
       groupArrayIf(created, is_urgent AND NOT has_response) AS urgent_unanswered,
       countIf(has_response AND frt_ms > 180000) AS promise_late,
       sumIf(compensation_cny, is_resolved) AS compensation,
       countIf(is_peak) AS peak_tickets,
       countIf(is_peak AND has_response AND frt_ms <= 60000) AS peak_instant,
       groupArrayIf(created, is_peak AND NOT has_response) AS peak_unanswered
FROM (
    SELECT *,
           greatest(toDateTime64(created_hour, 3, 'UTC'), {from:DateTime64(3)}) AS cut_from,
           least(toDateTime64(created_hour + INTERVAL 1 HOUR, 3, 'UTC'), {to:DateTime64(3)}) AS cut_to,
           created >= cut_from AND created < cut_to AS in_cut,
           first_response_at IS NOT NULL AS has_response,
           -- read only together with has_response
           dateDiff('millisecond', created, assumeNotNull(first_response_at)) AS frt_ms,
           resolution.at > toDateTime64(0, 3, 'UTC') AS is_resolved,
           dateDiff('millisecond', created, resolution.at) AS ttr_ms,
           priority = 'urgent' AS is_urgent,
           toHour(created, {tz:String}) * 60 + toMinute(created, {tz:String}) AS minute_of_day,
           -- promotion days as month * 100 + day (06-18 is 618): cheaper per ticket than formatting a date
           has({promo_days:Array(UInt16)}, toMonth(created, {tz:String}) * 100 + toDayOfMonth(created, {tz:String}))
             OR arrayExists((s, e) -> minute_of_day >= s AND minute_of_day < e, {peak_starts:Array(UInt16)}, {peak_ends:Array(UInt16)}) AS is_peak,
           resolution.by_bot = 1 AS by_bot, resolution.compensation_cny AS compensation_cny, rating.csat AS csat,
           transfers + escalations + reopens AS handoffs, followed_up = 1 AS has_followup
    FROM (
        SELECT created_hour, zone, assumeNotNull(created_at) AS created, channel, category, priority, segment,
               first_response_at, resolution, rating, transfers, escalations, reopens, followed_up,
               -- the zone-hour as a whole, from this same read: what the partials were computed from
               sum(event_rows) OVER zone_hour AS zone_rows,
               ifNull(min(created_at) OVER zone_hour, toDateTime64(created_hour, 3, 'UTC')) AS zone_first_at,
               ifNull(max(created_at) OVER zone_hour, toDateTime64(created_hour, 3, 'UTC')) AS zone_last_at
        FROM ticket_summary FINAL
        WHERE (created_hour, zone) IN {zone_hours:Array(Tuple(DateTime, String))}
        WINDOW zone_hour AS (PARTITION BY created_hour, zone)
    )
)
ARRAY JOIN if(in_cut,
              [('all', ''), ('channel', toString(channel)), ('category', toString(category)),
               ('segment', toString(segment)), ('priority', toString(priority))],
              [('outside', '')]) AS dim_key
GROUP BY created_hour, zone, cut_from, cut_to, dim, key
