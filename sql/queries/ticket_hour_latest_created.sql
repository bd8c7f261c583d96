-- The latest creation time (epoch ms; 0 for none) among the tickets of the creation hour holding {at}: a
-- window whose end cuts through that hour can read its stored partials when no ticket of it was created at
-- or after the end (server/src/kpi/ticket-kpi-hours.ts). Read without FINAL: a ticket's rows not merged yet
-- can only raise the figure, which at worst computes the hour from its tickets.
SELECT ifNull(toUnixTimestamp64Milli(max(created_at)), 0) AS latest_ms
FROM ticket_summary
WHERE created_hour = toStartOfHour({at:DateTime64(3)})
