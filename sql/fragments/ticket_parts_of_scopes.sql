-- The window's partials (ticket_parts_in_window.sql), once for each scope that holds their zone, with the
-- scope's number from 1 in `scope`: scope i holds a zone when (zone IN scope_zones[i]) != scope_exclude[i]
-- (kpi_tickets.sql). The ARRAY JOIN copies every column of a row for each of its scopes, the percentile
-- values too, so a read of one scope takes ticket_parts_of_one_scope.sql instead (server/src/kpi/kpis.ts).
SELECT *, scope
FROM (
    -- include: ticket_parts_in_window
)
ARRAY JOIN arrayFilter(i -> has(scope_zones[i], zone) != scope_exclude[i], range(1, length(scope_exclude) + 1)) AS scope
