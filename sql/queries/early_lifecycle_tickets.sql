-- Tickets with lifecycle rows stored before their ticket.created (keyed at hour 0 in ticket_summary,
-- sql/migrations/0010_ticket_summary.sql), which the writer moves once the ticket arrives.
SELECT DISTINCT ticket_id FROM ticket_summary WHERE created_hour = toDateTime(0, 'UTC')
