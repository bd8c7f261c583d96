-- The partials of the window [from, to): stored for its whole hours (ticket_parts_stored.sql), computed from
-- the tickets for {computed_hours}, those its edges cut through (ticket_kpi_parts.sql); the rows of dim 'all'
-- and of the breakdowns {breakdowns}.
-- include: ticket_parts_stored
UNION ALL
-- the same columns in the same order (the table's are ticket_kpi_parts.sql's)
SELECT * EXCEPT (group_rows)
FROM (
    -- include: ticket_kpi_parts
)
WHERE dim = 'all' OR has({breakdowns:Array(String)}, dim)
