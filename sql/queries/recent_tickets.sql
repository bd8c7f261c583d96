-- A zone's most recent tickets (GET /api/v1/tickets), newest first: each ticket once, at its earliest
-- ticket.created (as in kpi_tickets.sql), with its masked text (masked at ingest, SPEC §4.2) and its
-- lifecycle folded from ticket_summary (parts may not be merged yet, so grouped by ticket here).
-- `since` bounds the scan to recent partitions; the table is ordered by (zone, created_at), so the zone
-- filter reads only that zone's granules.
WITH
    created AS (
        SELECT ticket_id, min(created_at) AS created, argMin(text, created_at) AS first_text,
               any(channel) AS channel, any(category) AS category, any(priority) AS priority, any(segment) AS segment
        FROM tickets
        WHERE zone = {zone:String} AND created_at >= {since:DateTime64(3)}
        GROUP BY ticket_id
        ORDER BY created DESC, ticket_id
        LIMIT {limit:UInt32}
    ),
    life AS (
        SELECT ticket_id,
               min(first_response_at)                                    AS first_response_at,
               nullIf(max(resolution).at, toDateTime64(0, 3, 'UTC'))      AS resolved_at,
               max(rating).csat                                          AS csat,
               sum(escalations)                                          AS escalations,
               sum(reopens)                                              AS reopens
        FROM ticket_summary
        -- these tickets only: their creation hours (sql/migrations/0010_ticket_summary.sql), and hour 0 for
        -- lifecycles stored before their ticket that have not been moved onto its key yet
        WHERE (created_hour IN (SELECT toStartOfHour(created) FROM created) OR created_hour = toDateTime(0, 'UTC'))
          AND ticket_id IN (SELECT ticket_id FROM created)
        GROUP BY ticket_id
    )
SELECT c.ticket_id AS ticket_id,
       toUnixTimestamp64Milli(c.created) AS created_ms,
       c.first_text AS text,
       c.channel AS channel, c.category AS category, c.priority AS priority, c.segment AS segment,
       multiIf(l.resolved_at IS NOT NULL, 'resolved', l.escalations > 0, 'escalated',
               l.first_response_at IS NOT NULL, 'responded', 'waiting') AS status,
       if(l.first_response_at IS NULL, NULL, dateDiff('millisecond', c.created, l.first_response_at) / 1000) AS first_response_s,
       if(l.resolved_at IS NULL, NULL, dateDiff('millisecond', c.created, l.resolved_at) / 1000) AS resolution_s,
       if(l.csat > 0, l.csat, NULL) AS csat,
       l.reopens AS reopens
FROM created AS c
LEFT JOIN life AS l ON l.ticket_id = c.ticket_id
ORDER BY c.created DESC, c.ticket_id
