-- The first and last creation hour with tickets (hour 0 holds lifecycles whose ticket has not arrived), in
-- epoch ms, for the background fill of ticket_kpi_hours (server/src/kpi/ticket-kpi-hours.ts).
SELECT toUnixTimestamp(min(created_hour)) * 1000 AS first_ms, toUnixTimestamp(max(created_hour)) * 1000 AS last_ms
FROM ticket_summary
WHERE created_hour > toDateTime(0, 'UTC')
