-- Tickets created in [from, to) in the scope's zones, counted per cell of a matrix (heatmap, zone risk):
-- grouped by the zone when {geo} is set (the server folds zones into cities and regions, which live in the
-- zone reference data) and by the business-time bucket of each time axis {x}, {y} ('' for any other axis).
-- The counts come from the window's partials as in kpi_tickets.sql (sql/fragments/ticket_parts_in_window.sql,
-- read with no breakdowns: the zone-hours' rows of dim 'all'); a zone-hour lies in one business hour, day
-- and weekday because the business time zone's offsets are whole hours (server/src/config.ts). `instant`
-- and `eligible` follow kpi_tickets' instant_response_rate (≤ 60 s, leaving out unanswered tickets younger
-- than 60 s at {now}).
SELECT
    if({geo:UInt8}, toString(zone), '') AS zone_key,
    arrayMap(axis -> multiIf(axis = 'hour', toString(toHour(created_hour, {tz:String})),
                             axis = 'day', toString(toDate(created_hour, {tz:String})),
                             axis = 'weekday', toString(toDayOfWeek(created_hour, 0, {tz:String})),
                             ''),
             [{x:String}, {y:String}]) AS keys,
    keys[1] AS kx,
    keys[2] AS ky,
    sum(ticket_count) AS tickets,
    sum(instant) AS instant,
    sum(eligible) AS eligible
FROM (
    -- include: ticket_parts_in_window
)
WHERE (zone IN {zones:Array(String)}) != {exclude_zones:UInt8}
GROUP BY zone_key, keys
