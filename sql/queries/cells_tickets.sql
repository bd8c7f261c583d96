-- Tickets created in [from, to) in the scope's zones, counted per cell of a matrix (heatmap, zone risk):
-- grouped by the zone when {geo} is set (the server folds zones into cities and regions, which live in the
-- zone reference data) and by the business-time bucket of each time axis {x}, {y} ('' for any other axis).
-- The counts come from the window's partials as in kpi_tickets.sql (ticket_parts_in_window, its zone-hours'
-- rows of dim 'all'); a zone-hour lies in one business hour, day and weekday because the business time
-- zone's offsets are whole hours (server/src/config.ts). `instant` and `eligible` follow kpi_tickets'
-- instant_response_rate (≤ 60 s, leaving out unanswered tickets younger than 60 s at {now}).
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
FROM ticket_parts_in_window(from = {from:DateTime64(3)}, to = {to:DateTime64(3)}, now = {now:DateTime64(3)}, live_hours = {live_hours:Array(DateTime)},
                            settings_key = {settings_key:String}, tz = {tz:String}, promo_days = {promo_days:Array(UInt16)},
                            peak_starts = {peak_starts:Array(UInt16)}, peak_ends = {peak_ends:Array(UInt16)},
                            any_zone = {any_zone:UInt8}, listed_zones = {listed_zones:Array(String)})
WHERE dim = 'all' AND (zone IN {zones:Array(String)}) != {exclude_zones:UInt8}
GROUP BY zone_key, keys
