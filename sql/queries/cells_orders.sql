-- Orders with ts in [from, to) in the scope's zones, per cell of a matrix (see cells_tickets.sql for the
-- cell keys). Exact for any window (sql/fragments/orders_in_window.sql): a whole minute of the rollup
-- lies inside one hour and one business day, since time zone offsets are whole minutes.
SELECT
    if({geo:UInt8}, toString(zone), '') AS zone_key,
    arrayMap(axis -> multiIf(axis = 'hour', toString(toHour(t, {tz:String})),
                             axis = 'day', toString(toDate(t, {tz:String})),
                             axis = 'weekday', toString(toDayOfWeek(t, 0, {tz:String})),
                             ''),
             [{x:String}, {y:String}]) AS keys,
    keys[1] AS kx,
    keys[2] AS ky,
    sum(n) AS orders
FROM (
    -- include: orders_in_window
)
WHERE (zone IN {zones:Array(String)}) != {exclude_zones:UInt8}
GROUP BY zone_key, keys
