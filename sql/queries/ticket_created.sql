-- When each of these tickets was created (its earliest ticket.created), for stamping lifecycle events
-- (ingest/ticket-creation.ts).
SELECT ticket_id, toUnixTimestamp64Milli(min(created_at)) AS created_ms
FROM ticket_index
WHERE ticket_id IN {ids:Array(String)}
GROUP BY ticket_id
