-- Tickets created in [from, to) that a ticket alert may concern (SPEC §6): urgent ones
-- (urgent_unanswered) and those whose masked text names an escalation term (escalation_risk), with the
-- terms found and whether the ticket has been answered or resolved yet. `ids`, when not empty, limits the
-- search to those tickets (events that just arrived).
WITH cand AS (
    SELECT ticket_id, min(created_at) AS first_created, any(zone) AS ticket_zone, any(priority) AS ticket_priority, any(text) AS txt
    FROM tickets
    WHERE created_at >= {from:DateTime64(3)} AND created_at < {to:DateTime64(3)}
      AND (priority = 'urgent' OR multiSearchAny(text, {terms:Array(String)}))
      AND (empty({ids:Array(String)}) OR ticket_id IN {ids:Array(String)})
    GROUP BY ticket_id
)
SELECT c.ticket_id AS ticket_id, toUnixTimestamp64Milli(c.first_created) AS created_ms, c.ticket_zone AS zone,
       c.ticket_priority AS priority, arrayFilter(t -> position(c.txt, t) > 0, {terms:Array(String)}) AS terms,
       l.first_response_at IS NOT NULL AS responded, l.resolved_at > toDateTime64(0, 3, 'UTC') AS resolved
FROM cand AS c
LEFT JOIN (
    SELECT ticket_id, min(first_response_at) AS first_response_at, max(resolution).at AS resolved_at
    FROM ticket_summary
    -- these tickets only: their creation hours (sql/migrations/0010_ticket_summary.sql), and hour 0 for
    -- lifecycles stored before their ticket that have not been moved onto its key yet
    WHERE (created_hour IN (SELECT toStartOfHour(first_created) FROM cand) OR created_hour = toDateTime(0, 'UTC'))
      AND ticket_id IN (SELECT ticket_id FROM cand)
    GROUP BY ticket_id
) AS l ON l.ticket_id = c.ticket_id
