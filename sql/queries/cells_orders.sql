-- Orders with ts in [from, to) in the scope's zones, per cell of a matrix (see cells_tickets.sql for the
-- cell keys). Exact for any window, like kpi_orders.sql: whole minutes come from the orders_minute rollup
-- (a minute lies inside one hour and one business day, since time zone offsets are whole minutes) and the
-- minutes cut by the window's edges from the raw log.
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
    SELECT zone, toDateTime64(minute, 3, 'UTC') AS t, orders AS n
    FROM orders_minute
    WHERE minute >= {from:DateTime64(3)} AND minute + INTERVAL 1 MINUTE <= {to:DateTime64(3)}
      AND (zone IN {zones:Array(String)}) != {exclude_zones:UInt8}
    UNION ALL
    SELECT zone, ts AS t, toUInt64(if(type = 'order.created', 1, count)) AS n
    FROM events
    WHERE type IN ('order.created', 'orders.count')
      AND ts >= {from:DateTime64(3)} AND ts < {to:DateTime64(3)}
      AND (ts < toStartOfMinute({from:DateTime64(3)}) + INTERVAL 1 MINUTE OR ts >= toStartOfMinute({to:DateTime64(3)}))
      AND NOT (toStartOfMinute(ts) >= {from:DateTime64(3)} AND toStartOfMinute(ts) + INTERVAL 1 MINUTE <= {to:DateTime64(3)})
      AND (zone IN {zones:Array(String)}) != {exclude_zones:UInt8}
)
GROUP BY zone_key, keys
