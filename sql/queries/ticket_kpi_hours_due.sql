-- The stored hours of the window [from, to) (every hour of it but {computed_hours}) with a zone, among these,
-- whose partials in ticket_kpi_hours are missing or older than its tickets (sql/migrations/0011_kpi_rollups.sql):
-- the server computes them (ticket_kpi_hours_refresh.sql) before it reads them.
SELECT DISTINCT toUnixTimestamp(s.created_hour) AS hour_s
FROM (
    SELECT created_hour, zone, sum(event_rows) AS n
    FROM ticket_summary
    WHERE created_hour >= toStartOfHour({from:DateTime64(3)}) AND created_hour < {to:DateTime64(3)}
      AND NOT has({computed_hours:Array(DateTime)}, created_hour)
      AND ({any_zone:UInt8} = 1 OR zone IN {listed_zones:Array(String)})
    GROUP BY created_hour, zone
) AS s
LEFT JOIN (
    SELECT created_hour, zone, max(source_rows) AS n
    FROM ticket_kpi_hours
    WHERE created_hour >= toStartOfHour({from:DateTime64(3)}) AND created_hour < {to:DateTime64(3)}
      AND settings_key = {settings_key:String} AND dim IN ('all', 'outside')
      AND ({any_zone:UInt8} = 1 OR zone IN {listed_zones:Array(String)})
    GROUP BY created_hour, zone
) AS k ON s.created_hour = k.created_hour AND s.zone = k.zone
WHERE k.n != s.n
ORDER BY hour_s
