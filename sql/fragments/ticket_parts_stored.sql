-- The stored partials of the window [from, to)'s hours other than {computed_hours}, in the zones
-- {any_zone, listed_zones}: the latest version of each zone-hour, which FINAL leaves (a refresh writes all of a
-- zone-hour's rows, and marks deleted those an older version holds that it has no more: migration 0017).
-- Only the rows of dim 'all' and of the breakdowns {breakdowns} are read: each dim has partitions of its own
-- (migration 0014), which ClickHouse picks from this condition, and a breakdown's rows hold as many
-- percentile values as the zone-hour's, so each one asked for adds about the merge of the whole scope. The
-- server brings them up to date first (ticket_kpi_hours_due.sql).
-- Read by ticket_parts_stored_and_computed.sql, and on its own when no hour of the window is computed
-- (server/src/kpi/ticket-kpi-hours.ts).
-- the table's columns but the version's own: created_hour, zone, dim, key and the partials in ticket_kpi_parts.sql's order
SELECT * EXCEPT (settings_key, source_rows, is_deleted, refreshed_at)
FROM ticket_kpi_hours FINAL
WHERE created_hour >= toStartOfHour({from:DateTime64(3)}) AND created_hour < {to:DateTime64(3)}
  AND NOT has({computed_hours:Array(DateTime)}, created_hour)
  AND settings_key = {settings_key:String} AND ({any_zone:UInt8} = 1 OR zone IN {listed_zones:Array(String)})
  AND (dim = 'all' OR has({breakdowns:Array(String)}, dim))
