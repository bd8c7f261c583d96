-- Orders per zone and minute (order.created counts 1, orders.count its `count`), so order totals read a
-- rollup instead of the raw log. Queries take whole minutes from here and the partial minutes at a
-- window's edges from `events` (sql/queries/kpi_orders.sql).
CREATE TABLE IF NOT EXISTS orders_minute
(
    zone   LowCardinality(String),
    minute DateTime('UTC'),
    orders UInt64
)
ENGINE = SummingMergeTree
PARTITION BY toYYYYMM(minute)
ORDER BY (zone, minute);

CREATE MATERIALIZED VIEW IF NOT EXISTS orders_minute_mv TO orders_minute AS
SELECT zone, toStartOfMinute(ts) AS minute, sum(if(type = 'order.created', 1, count)) AS orders
FROM events
WHERE type IN ('order.created', 'orders.count')
GROUP BY zone, minute;
