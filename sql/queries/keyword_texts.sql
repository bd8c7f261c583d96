-- The masked complaint texts of the tickets created in [from, to) in the scope's zones, one per ticket
-- (its earliest ticket.created, as in kpi_tickets.sql), folded to distinct texts with how many tickets
-- wrote each: texts repeat a lot, and the server segments each distinct text once.
SELECT first_text AS text, count() AS tickets
FROM (
    SELECT ticket_id, argMin(text, created_at) AS first_text
    FROM tickets
    WHERE created_at >= {from:DateTime64(3)} AND created_at < {to:DateTime64(3)}
      AND (zone IN {zones:Array(String)}) != {exclude_zones:UInt8}
    GROUP BY ticket_id
)
WHERE first_text != ''
GROUP BY first_text
