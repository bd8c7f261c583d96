-- Tickets and orders per zone and business day, and platform totals per day (zone = ''), for the days of
-- [from, to): the inputs of zone_complaint_streak (SPEC §6). Day boundaries are minute boundaries, so the
-- minute rollup gives exact daily orders.
SELECT toString(day) AS day, zone, sum(tickets) AS tickets, sum(orders) AS orders
FROM (
    SELECT toDate(created_at, {tz:String}) AS day, zone, uniqExact(ticket_id) AS tickets, toUInt64(0) AS orders
    FROM tickets
    WHERE created_at >= {from:DateTime64(3)} AND created_at < {to:DateTime64(3)}
    GROUP BY day, zone
    UNION ALL
    SELECT toDate(minute, {tz:String}) AS day, zone, toUInt64(0) AS tickets, sum(orders) AS orders
    FROM orders_by_minute
    WHERE minute >= {from:DateTime64(3)} AND minute < {to:DateTime64(3)}
    GROUP BY day, zone
)
GROUP BY GROUPING SETS ((day, zone), (day))
ORDER BY day, zone
