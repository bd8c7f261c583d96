-- The lifecycle rows of these tickets stored before their ticket.created (hour 0, zone ''), folded and
-- written again on each ticket's own key, now that it has arrived ({created_ms} and {zones} in the order of
-- {ids}); early_lifecycles_delete.sql then removes the hour-0 rows. See sql/migrations/0010_ticket_summary.sql.
INSERT INTO ticket_summary (created_hour, zone, ticket_id, first_response_at, resolution, rating, transfers, escalations, reopens, followed_up, event_rows)
SELECT toStartOfHour(fromUnixTimestamp64Milli(transform(ticket_id, {ids:Array(String)}, {created_ms:Array(Int64)}, toInt64(0)), 'UTC')),
       transform(ticket_id, {ids:Array(String)}, {zones:Array(String)}, ''),
       ticket_id, min(first_response_at), max(resolution), max(rating), sum(transfers), sum(escalations), sum(reopens), max(followed_up), sum(event_rows)
FROM ticket_summary
WHERE created_hour = toDateTime(0, 'UTC') AND ticket_id IN {ids:Array(String)}
GROUP BY ticket_id
