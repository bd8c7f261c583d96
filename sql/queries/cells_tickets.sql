-- Tickets created in [from, to) in the scope's zones, counted per cell of a matrix (heatmap, zone risk):
-- grouped by the zone when {geo} is set (the server folds zones into cities and regions, which live in the
-- zone reference data) and by the business-time bucket of each time axis {x}, {y} ('' for any other axis).
-- A ticket is its earliest ticket.created, as in kpi_tickets.sql; `instant` and `eligible` follow that
-- query's instant_response_rate (≤ 60 s, leaving out unanswered tickets younger than 60 s).
WITH
    created AS (
        SELECT ticket_id, min(created_at) AS created, argMin(zone, created_at) AS first_zone
        FROM tickets
        WHERE created_at >= {from:DateTime64(3)} AND created_at < {to:DateTime64(3)}
          AND (zone IN {zones:Array(String)}) != {exclude_zones:UInt8}
        GROUP BY ticket_id
    ),
    first_response AS (
        SELECT ticket_id, minOrNullIfMerge(first_response_at) AS first_at
        FROM ticket_state
        -- the state of these tickets only: their creation days, and 1970-01-01 for lifecycles that arrived first
        WHERE (created_day IN (SELECT toDate(created) FROM created) OR created_day = toDate(0))
          AND ticket_id IN (SELECT ticket_id FROM created)
        GROUP BY ticket_id
    )
SELECT
    if({geo:UInt8}, toString(c.first_zone), '') AS zone_key,
    arrayMap(axis -> multiIf(axis = 'hour', toString(toHour(c.created, {tz:String})),
                             axis = 'day', toString(toDate(c.created, {tz:String})),
                             axis = 'weekday', toString(toDayOfWeek(c.created, 0, {tz:String})),
                             ''),
             [{x:String}, {y:String}]) AS keys,
    keys[1] AS kx,
    keys[2] AS ky,
    count() AS tickets,
    countIf(f.first_at IS NOT NULL AND dateDiff('millisecond', c.created, f.first_at) <= 60000) AS instant,
    countIf(NOT (f.first_at IS NULL AND dateDiff('millisecond', c.created, {now:DateTime64(3)}) < 60000)) AS eligible
FROM created AS c
LEFT JOIN first_response AS f ON f.ticket_id = c.ticket_id
GROUP BY zone_key, keys
