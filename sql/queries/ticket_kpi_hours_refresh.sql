-- Stores the partials of these whole creation hours, every zone (sql/fragments/ticket_kpi_parts.sql), in
-- ticket_kpi_hours, each row with the event count of its zone-hour as read by the same scan: the rows of
-- dims 'all' and 'outside' add up to it (sql/migrations/0011_kpi_rollups.sql). A breakdown value that rows
-- stored before hold and this scan finds no more gets a row marked deleted, with the zone-hour's new count,
-- which FINAL keeps over the older rows and then leaves out (sql/migrations/0017_partials_as_values_with_deletions.sql).
INSERT INTO ticket_kpi_hours
SELECT created_hour, zone, {settings_key:String} AS settings_key, dim, key, source_rows,
       1 - has_partials AS is_deleted, now() AS refreshed_at,
       -- the partials, in the table's order (sql/migrations/0013_partials_of_every_hour.sql); a deleted row's
       -- are the types' defaults
       * EXCEPT (created_hour, zone, dim, key, group_rows, has_partials, source_rows)
FROM (
    SELECT *, sumIf(group_rows, dim IN ('all', 'outside')) OVER (PARTITION BY created_hour, zone) AS source_rows
    FROM (
        SELECT *, toUInt8(1) AS has_partials
        FROM (
            -- include: ticket_kpi_parts
        )
    ) AS fresh
    -- with join_use_nulls off, a stored key this scan has no row for joins the types' defaults: 0 and []
    FULL JOIN (
        SELECT DISTINCT created_hour, zone, dim, key
        FROM ticket_kpi_hours
        WHERE created_hour IN {computed_hours:Array(DateTime)} AND settings_key = {settings_key:String}
          AND ({any_zone:UInt8} = 1 OR zone IN {listed_zones:Array(String)})
    ) AS stored USING (created_hour, zone, dim, key)
)
