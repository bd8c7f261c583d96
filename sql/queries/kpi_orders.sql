-- Orders (order.created events + orders.count sums) with ts in [from, to), and in [cut, to) for a cut inside
-- it, exact for any window (sql/fragments/orders_in_window.sql): a KPI read needs its window's orders and
-- those of the 24 h before its end (orders_per_agent), and gets both from one statement. For one or more
-- scopes at once: scope i holds a zone when (zone IN scope_zones[i]) != scope_exclude[i], as in
-- kpi_tickets.sql. A scope with no orders has no row.
SELECT scope - 1 AS scope_index, sum(zone_orders) AS orders, sum(zone_orders_since_cut) AS orders_since_cut
FROM (
    SELECT zone, sum(n) AS zone_orders, sumIf(n, t >= {cut:DateTime64(3)}) AS zone_orders_since_cut
    FROM (
        -- include: orders_in_window
    )
    GROUP BY zone
)
ARRAY JOIN arrayFilter(i -> has({scope_zones:Array(Array(String))}[i], zone) != {scope_exclude:Array(UInt8)}[i],
                       range(1, length({scope_exclude:Array(UInt8)}) + 1)) AS scope
GROUP BY scope
