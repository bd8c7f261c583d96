-- Tickets created in [from, to) in the scope's zones, counted per cell of a matrix (heatmap, zone risk):
-- grouped by the zone when {geo} is set (the server folds zones into cities and regions, which live in the
-- zone reference data) and by the business-time bucket of each time axis {x}, {y} ('' for any other axis).
-- The window's tickets come from tickets_in_window as in kpi_tickets.sql; `instant` and `eligible` follow
-- that query's instant_response_rate (≤ 60 s, leaving out unanswered tickets younger than 60 s).
WITH
    per_ticket AS (
        SELECT created, zone AS first_zone, first_response_at AS first_at
        FROM tickets_in_window(from = {from:DateTime64(3)}, to = {to:DateTime64(3)})
        WHERE (zone IN {zones:Array(String)}) != {exclude_zones:UInt8}
    )
SELECT
    if({geo:UInt8}, toString(first_zone), '') AS zone_key,
    arrayMap(axis -> multiIf(axis = 'hour', toString(toHour(created, {tz:String})),
                             axis = 'day', toString(toDate(created, {tz:String})),
                             axis = 'weekday', toString(toDayOfWeek(created, 0, {tz:String})),
                             ''),
             [{x:String}, {y:String}]) AS keys,
    keys[1] AS kx,
    keys[2] AS ky,
    count() AS tickets,
    countIf(first_at IS NOT NULL AND dateDiff('millisecond', created, first_at) <= 60000) AS instant,
    countIf(NOT (first_at IS NULL AND dateDiff('millisecond', created, {now:DateTime64(3)}) < 60000)) AS eligible
FROM per_ticket
GROUP BY zone_key, keys
