-- Orders (order.created events + orders.count sums) with ts in [from, to), exact for any window
-- (sql/fragments/orders_in_window.sql), for one or more scopes at once: scope i holds a zone when
-- (zone IN scope_zones[i]) != scope_exclude[i], as in kpi_tickets.sql. A scope with no orders has no row.
SELECT scope - 1 AS scope_index, sum(zone_orders) AS orders
FROM (
    SELECT zone, sum(n) AS zone_orders
    FROM (
        -- include: orders_in_window
    )
    GROUP BY zone
)
ARRAY JOIN arrayFilter(i -> has({scope_zones:Array(Array(String))}[i], zone) != {scope_exclude:Array(UInt8)}[i],
                       range(1, length({scope_exclude:Array(UInt8)}) + 1)) AS scope
GROUP BY scope
