-- The masked complaint texts of the tickets created in the window [from, to) and in the previous one
-- [previous_from, from) in the zones {any_zone, listed_zones} (any_zone 1: all) stored without keywords under
-- {words_key} (before migration 0015, or by an older segmenter; keyword_counts.sql counts the others), one
-- per ticket (its earliest ticket.created, as in kpi_tickets.sql), folded to distinct texts per zone and
-- window with how many tickets wrote each: the server segments each distinct text once and adds up the
-- zones of each scope it was asked about (server/src/keywords/keywords.ts).
SELECT ticket_zone AS zone, in_window, first_text AS text, count() AS tickets
FROM (
    SELECT ticket_id, argMin(text, created_at) AS first_text, argMin(zone, created_at) AS ticket_zone,
           min(created_at) >= {from:DateTime64(3)} AS in_window
    FROM tickets
    WHERE created_at >= {previous_from:DateTime64(3)} AND created_at < {to:DateTime64(3)}
      AND ({any_zone:UInt8} = 1 OR zone IN {listed_zones:Array(String)})
      AND words_key != {words_key:String}
    GROUP BY ticket_id
)
WHERE first_text != ''
GROUP BY ticket_zone, in_window, first_text
