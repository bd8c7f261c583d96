-- Orders (order.created events + orders.count sums) with ts in [from, to) in the scope's zones. Whole
-- minutes come from the orders_minute rollup; minutes cut by the window's edges from the raw log, so the
-- total is exact for any window.
SELECT sum(orders) AS orders
FROM (
    SELECT sum(orders) AS orders
    FROM orders_minute
    WHERE minute >= {from:DateTime64(3)} AND minute + INTERVAL 1 MINUTE <= {to:DateTime64(3)}
      AND (zone IN {zones:Array(String)}) != {exclude_zones:UInt8}
    UNION ALL
    SELECT sum(if(type = 'order.created', 1, count)) AS orders
    FROM events
    WHERE type IN ('order.created', 'orders.count')
      AND ts >= {from:DateTime64(3)} AND ts < {to:DateTime64(3)}
      AND (ts < toStartOfMinute({from:DateTime64(3)}) + INTERVAL 1 MINUTE OR ts >= toStartOfMinute({to:DateTime64(3)}))
      AND NOT (toStartOfMinute(ts) >= {from:DateTime64(3)} AND toStartOfMinute(ts) + INTERVAL 1 MINUTE <= {to:DateTime64(3)})
      AND (zone IN {zones:Array(String)}) != {exclude_zones:UInt8}
)
