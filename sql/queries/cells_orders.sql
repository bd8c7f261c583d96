-- Orders with ts in [from, to) in the scope's zones, per cell of a matrix (see cells_tickets.sql for the
-- cell keys). Exact for any window (sql/fragments/orders_in_window.sql).
-- The rows (one per zone-minute, about 1 M over 14 days at the bench's 10 M tickets) are summed per zone
-- into the window's UTC hours first (sumResample: the hour of each row's time picks its sum), and the cells
-- are keyed from those hours: a UTC hour lies inside one business hour, day and weekday, since the business
-- time zone's offsets are whole hours (server/src/config.ts). Grouped by the zone alone, ClickHouse sums the
-- rows in about a third of the time it takes to group them by zone and time bucket, two keys of which one
-- is a string: on the bench's copy, zone × day over 14 days took 35 against 79 ms (30 runs in turn), with
-- the same cells.
-- epoch seconds: no time zone is involved in the hours' bounds
WITH intDiv(toUInt32({from:DateTime64(3)}), 3600) * 3600 AS first_hour
SELECT
    if({geo:UInt8}, toString(zone), '') AS zone_key,
    arrayMap(axis -> multiIf(axis = 'hour', toString(toHour(hour, {tz:String})),
                             axis = 'day', toString(toDate(hour, {tz:String})),
                             axis = 'weekday', toString(toDayOfWeek(hour, 0, {tz:String})),
                             ''),
             [{x:String}, {y:String}]) AS keys,
    keys[1] AS kx,
    keys[2] AS ky,
    sum(hour_orders) AS orders
FROM (
    SELECT zone, hour_orders, toDateTime(first_hour + (i - 1) * 3600, 'UTC') AS hour
    FROM (
        -- the sums of the hours [first_hour, to rounded up to the hour), in order
        SELECT zone, sumResample(first_hour, toUInt32({to:DateTime64(3)}) + 3600, 3600)(n, toUInt32(t)) AS per_hour
        FROM (
            -- include: orders_in_window
        )
        WHERE (zone IN {zones:Array(String)}) != {exclude_zones:UInt8}
        GROUP BY zone
    )
    ARRAY JOIN per_hour AS hour_orders, arrayEnumerate(per_hour) AS i
    WHERE hour_orders > 0
)
GROUP BY zone_key, keys
