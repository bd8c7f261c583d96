-- Orders (order.created events + orders.count sums) with ts in [from, to) in the scope's zones, exact for
-- any window (sql/migrations/0007_orders_in_window.sql).
SELECT sum(n) AS orders
FROM orders_in_window(from = {from:DateTime64(3)}, to = {to:DateTime64(3)})
WHERE (zone IN {zones:Array(String)}) != {exclude_zones:UInt8}
