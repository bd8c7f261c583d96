-- Orders with ts in [from, to), one row per whole minute of the orders_by_minute rollup inside the window
-- plus one per raw event in the minutes the window's edges cut and in the minute of {cut}, an instant inside
-- the window where a second window [cut, to) begins: a sum over the rows is exact for [from, to), and a sum
-- over those with t >= cut exact for [cut, to). A query about one window passes cut = from.
-- Included by every query that counts orders (kpi_orders.sql, cells_orders.sql).
SELECT zone, toDateTime64(minute, 3, 'UTC') AS t, orders AS n
FROM orders_by_minute
WHERE minute >= {from:DateTime64(3)} AND minute + INTERVAL 1 MINUTE <= {to:DateTime64(3)}
  AND minute != toStartOfMinute({cut:DateTime64(3)})
UNION ALL
SELECT zone, ts AS t, toUInt64(if(type = 'order.created', 1, count)) AS n
FROM events
WHERE type IN ('order.created', 'orders.count')
  AND ts >= {from:DateTime64(3)} AND ts < {to:DateTime64(3)}
  -- the three minutes as ranges of the primary key (type, ts), then exactly those the rollup does not cover
  AND (ts < toStartOfMinute({from:DateTime64(3)}) + INTERVAL 1 MINUTE OR ts >= toStartOfMinute({to:DateTime64(3)})
       OR ts >= toStartOfMinute({cut:DateTime64(3)}) AND ts < toStartOfMinute({cut:DateTime64(3)}) + INTERVAL 1 MINUTE)
  AND NOT (toStartOfMinute(ts) >= {from:DateTime64(3)} AND toStartOfMinute(ts) + INTERVAL 1 MINUTE <= {to:DateTime64(3)}
           AND toStartOfMinute(ts) != toStartOfMinute({cut:DateTime64(3)}))
