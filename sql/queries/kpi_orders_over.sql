-- Orders of one scope over consecutive windows (a KPI series' hours or days, trends' weeks) from one read:
-- per window i, its orders in [starts[i], ends[i]) and those of the 24 h before its end, [ends[i] - 24 h,
-- ends[i]) (orders_per_agent), each exactly as kpi_orders.sql counts that window alone. The read spans
-- [from, to) with {cut} = to - 24 h (sql/fragments/orders_in_window.sql), and its rows are first added up
-- into pieces that no window boundary cuts: whole hours, the piece of the first hour from {from} on, and
-- the hour of {cut} split there. The caller passes only windows whose other boundaries are whole hours
-- (server/src/kpi/kpis.ts ordersOver), so comparing a piece's start with them is exact, and the windows'
-- sums are taken over a few thousand pieces instead of every minute. A span without orders has no row.
WITH {starts:Array(DateTime64(3))} AS starts, {ends:Array(DateTime64(3))} AS ends
SELECT i - 1 AS window_index,
       sumIf(n, piece >= starts[i] AND piece < ends[i]) AS orders,
       sumIf(n, piece >= ends[i] - INTERVAL 24 HOUR AND piece < ends[i]) AS orders_day
FROM (
    SELECT if(t >= {cut:DateTime64(3)} AND t < toStartOfHour({cut:DateTime64(3)}) + INTERVAL 1 HOUR,
              {cut:DateTime64(3)}, greatest(toStartOfHour(t), {from:DateTime64(3)})) AS piece,
           sum(n) AS n
    FROM (
        -- include: orders_in_window
    )
    WHERE (zone IN {zones:Array(String)}) != {exclude_zones:UInt8}
    GROUP BY piece
)
ARRAY JOIN range(1, length(ends) + 1) AS i
GROUP BY i
ORDER BY i
