-- The most recently quarantined rows, newest first (GET /api/v1/rejected).
SELECT toUnixTimestamp64Milli(received_at) AS received_ms, principal, row_index, event_id, error, raw
FROM rejected_events
ORDER BY received_at DESC, row_index
LIMIT {limit:UInt32}
