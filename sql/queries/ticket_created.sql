-- When and where each of these tickets was created (its earliest ticket.created), for stamping lifecycle
-- events (ingest/ticket-creation.ts). `zone` is '' for tickets indexed before migration 0009.
SELECT ticket_id, toUnixTimestamp64Milli(min(created_at)) AS created_ms, max(zone) AS zone
FROM ticket_index
WHERE ticket_id IN {ids:Array(String)}
GROUP BY ticket_id
