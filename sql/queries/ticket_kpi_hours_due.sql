-- The zone-hours of the window [from, to) in these zones whose stored partials (ticket_kpi_hours, ticket_kpi_cuts) are missing or
-- older than their tickets (sql/migrations/0011_kpi_rollups.sql), and whether each is read whole (its
-- tickets all lie in the window) or cut by the window's edge. The server computes them
-- (ticket_kpi_hours_refresh.sql) before kpi_tickets.sql reads them.
SELECT s.created_hour AS created_hour, s.zone AS zone, s.whole AS whole
FROM (
    SELECT created_hour, zone, sum(event_rows) AS n,
           ifNull(min(created_at), toDateTime64(created_hour, 3, 'UTC')) >= {from:DateTime64(3)}
             AND ifNull(max(created_at), toDateTime64(created_hour, 3, 'UTC')) < {to:DateTime64(3)} AS whole,
           if(whole, toDateTime64(created_hour, 3, 'UTC'), greatest(toDateTime64(created_hour, 3, 'UTC'), {from:DateTime64(3)})) AS cut_from,
           if(whole, toDateTime64(created_hour + INTERVAL 1 HOUR, 3, 'UTC'), least(toDateTime64(created_hour + INTERVAL 1 HOUR, 3, 'UTC'), {to:DateTime64(3)})) AS cut_to
    FROM ticket_summary
    WHERE created_hour BETWEEN toStartOfHour({from:DateTime64(3)}) AND {to:DateTime64(3)} AND created_hour > toDateTime(0, 'UTC')
      AND ({any_zone:UInt8} = 1 OR zone IN {listed_zones:Array(String)})
    GROUP BY created_hour, zone
) AS s
LEFT JOIN (
    SELECT created_hour, zone, cut_from, cut_to, max(source_rows) AS n
    FROM (
        SELECT created_hour, zone, cut_from, cut_to, source_rows, dim, settings_key FROM ticket_kpi_hours
        UNION ALL
        SELECT created_hour, zone, cut_from, cut_to, source_rows, dim, settings_key FROM ticket_kpi_cuts
    )
    WHERE created_hour BETWEEN toStartOfHour({from:DateTime64(3)}) AND {to:DateTime64(3)}
      AND settings_key = {settings_key:String} AND dim IN ('all', 'outside')
      AND ({any_zone:UInt8} = 1 OR zone IN {listed_zones:Array(String)})
    GROUP BY created_hour, zone, cut_from, cut_to
) AS k ON s.created_hour = k.created_hour AND s.zone = k.zone AND s.cut_from = k.cut_from AND s.cut_to = k.cut_to
WHERE k.n != s.n
