-- Stores the partials of these whole creation hours, every zone (sql/fragments/ticket_kpi_parts.sql), in
-- ticket_kpi_hours, each row with the event count of its zone-hour as read by the same scan: the rows of
-- dims 'all' and 'outside' add up to it (sql/migrations/0011_kpi_rollups.sql).
INSERT INTO ticket_kpi_hours
SELECT created_hour, zone, {settings_key:String} AS settings_key, dim, key,
       sumIf(group_rows, dim IN ('all', 'outside')) OVER (PARTITION BY created_hour, zone) AS source_rows,
       now() AS refreshed_at,
       -- the partials, in the table's order (sql/migrations/0013_partials_of_every_hour.sql)
       * EXCEPT (created_hour, zone, dim, key, group_rows)
FROM (
    -- include: ticket_kpi_parts
)
