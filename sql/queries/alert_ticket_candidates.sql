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
       l.first_response_at IS NOT NULL AS responded, l.resolved_at IS NOT NULL AS resolved
FROM cand AS c
LEFT JOIN (
    SELECT ticket_id, minOrNullIfMerge(first_response_at) AS first_response_at, maxOrNullIfMerge(last_resolved_at) AS resolved_at
    FROM ticket_state
    -- the state of these tickets only: their creation days, and 1970-01-01 for lifecycles that arrived first
    WHERE (created_day IN (SELECT toDate(first_created) FROM cand) OR created_day = toDate(0))
      AND ticket_id IN (SELECT ticket_id FROM cand)
    GROUP BY ticket_id
) AS l ON l.ticket_id = c.ticket_id
