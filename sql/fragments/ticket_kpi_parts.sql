-- The SPEC §5 ticket KPIs of the tickets created in [from, to) in the creation hours {computed_hours} and the
-- zones {any_zone, listed_zones} (any_zone 1: all), as partial sums and the durations of the percentiles, per
-- hour, zone and breakdown value (dim 'all' with key '' for the zone-hour, then one row per channel,
-- category, segment and priority). Nothing here depends on the time of the query: the counts that look at a
-- ticket's age count the answered tickets, and the unanswered ones are kept as their creation times, to which
-- ticket_parts_in_window.sql applies the ages at its {now} (sql/migrations/0013_partials_of_every_hour.sql).
-- The tickets of these hours outside [from, to) give one row of dim 'outside', so that group_rows adds up to
-- the zone-hour's event count. Times are in ms up to the KPI query. Included by ticket_kpi_hours_refresh.sql,
-- which stores whole hours (sql/migrations/0011_kpi_rollups.sql), and by ticket_parts_stored_and_computed.sql,
-- which computes the hours a window's edges cut through.
WITH
    -- a duration in ms as the percentile columns hold it (sql/migrations/0020_percentile_values_in_32_bits.sql):
    -- clamped to 32 bits, and kept as it is as well when that changed it
    ms -> toUInt32(least(greatest(ms, 0), 4294967295)) AS clamped_ms,
    ms -> ms < 0 OR ms > 4294967295 AS beyond_32_bits
SELECT created_hour, zone, dim_key.1 AS dim, dim_key.2 AS key,
       sum(event_rows) AS group_rows,
       count() AS ticket_count,
       countIf(is_instant) AS instant,
       countIf(has_response) AS responded,
       -- the answered tickets' first-response times, of which the KPI query takes exact percentiles: all of
       -- them clamped and sorted, and those out of range as they are
       arraySort(groupArrayIf(clamped_ms(frt_ms), has_response)) AS frt,
       groupArrayIf(frt_ms, has_response AND beyond_32_bits(frt_ms)) AS frt_wide,
       -- the answered tickets' part of the promise (180 s) and urgent SLA (900 s) breaches
       countIf(has_response AND frt_ms > 180000) AS responses_over_180s,
       countIf(is_urgent AND has_response AND frt_ms > 900000) AS urgent_responses_over_900s,
       countIf(is_peak AND has_response) AS peak_responded,
       countIf(is_peak AND is_instant) AS peak_instant,
       groupArrayIf(created_ms, NOT has_response) AS unanswered_created,
       groupArrayIf(created_ms, NOT has_response AND is_peak) AS unanswered_peak_created,
       groupArrayIf(created_ms, NOT has_response AND is_urgent) AS unanswered_urgent_created,
       countIf(is_resolved) AS resolved,
       countIf(is_resolved AND handoffs = 0) AS first_contact_resolved,
       countIf(reopens > 0) AS reopened,
       arraySort(groupArrayIf(clamped_ms(ttr_ms), is_resolved)) AS ttr,
       groupArrayIf(ttr_ms, is_resolved AND beyond_32_bits(ttr_ms)) AS ttr_wide,
       countIf(csat > 0) AS rated,
       sumIf(toUInt64(csat), csat > 0) AS csat_sum,
       countIf(csat BETWEEN 1 AND 2) AS bad_reviews,
       countIf(is_resolved AND by_bot) AS bot_resolved,
       countIf(is_resolved AND has_followup) AS followed_up,
       sumIf(compensation_cny, is_resolved) AS compensation
FROM (
    SELECT created_hour, zone, event_rows, channel, category, segment, priority,
           created >= {from:DateTime64(3)} AND created < {to:DateTime64(3)} AS in_window,
           first_response_at IS NOT NULL AS has_response,
           -- read only together with has_response
           dateDiff('millisecond', created, assumeNotNull(first_response_at)) AS frt_ms,
           has_response AND frt_ms <= 60000 AS is_instant,
           resolution.at > toDateTime64(0, 3, 'UTC') AS is_resolved,
           dateDiff('millisecond', created, resolution.at) AS ttr_ms,
           toUnixTimestamp64Milli(created) AS created_ms,
           priority = 'urgent' AS is_urgent,
           toHour(created, {tz:String}) * 60 + toMinute(created, {tz:String}) AS minute_of_day,
           -- promotion days as month * 100 + day (06-18 is 618): cheaper per ticket than formatting a date
           has({promo_days:Array(UInt16)}, toMonth(created, {tz:String}) * 100 + toDayOfMonth(created, {tz:String}))
             OR arrayExists((s, e) -> minute_of_day >= s AND minute_of_day < e, {peak_starts:Array(UInt16)}, {peak_ends:Array(UInt16)}) AS is_peak,
           resolution.by_bot = 1 AS by_bot, resolution.compensation_cny AS compensation_cny, rating.csat AS csat,
           transfers + escalations + reopens AS handoffs, reopens, followed_up = 1 AS has_followup
    FROM (
        SELECT created_hour, zone, assumeNotNull(created_at) AS created, channel, category, priority, segment,
               first_response_at, resolution, rating, transfers, escalations, reopens, followed_up, event_rows
        FROM ticket_summary FINAL
        -- hours as epoch seconds (numbers, so that no time zone is involved in reading them)
        WHERE created_hour IN {computed_hours:Array(DateTime)}
          AND ({any_zone:UInt8} = 1 OR zone IN {listed_zones:Array(String)})
    )
)
ARRAY JOIN if(in_window,
              [('all', ''), ('channel', toString(channel)), ('category', toString(category)),
               ('segment', toString(segment)), ('priority', toString(priority))],
              [('outside', '')]) AS dim_key
GROUP BY created_hour, zone, dim, key
