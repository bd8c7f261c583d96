-- After early_lifecycles_move.sql: the hour-0 rows of these tickets, now copied onto their own key. The
-- delete goes on in the background rather than hold up the write: KPI queries never read hour 0, and the
-- writer no longer counts these tickets as early.
DELETE FROM ticket_summary WHERE created_hour = toDateTime(0, 'UTC') AND ticket_id IN {ids:Array(String)}
SETTINGS lightweight_deletes_sync = 0
