-- Zone ids outside the reference data that have tickets or orders in [from, to): the children of the
-- `unknown` region and city in the drill-down (SPEC §4.3).
SELECT DISTINCT zone
FROM (
    SELECT toString(zone) AS zone FROM tickets
    WHERE created_at >= {from:DateTime64(3)} AND created_at < {to:DateTime64(3)}
    UNION ALL
    SELECT toString(zone) AS zone FROM orders_by_minute
    WHERE minute >= toStartOfMinute({from:DateTime64(3)}) AND minute < {to:DateTime64(3)}
)
WHERE zone NOT IN {known:Array(String)}
ORDER BY zone
