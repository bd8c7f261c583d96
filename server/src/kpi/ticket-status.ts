// Where a ticket stands, as GET /api/v1/tickets reports it (sql/queries/recent_tickets.sql derives it from
// the ticket's lifecycle): waiting for a first response, answered, escalated, or resolved. Dependency-free,
// so the dashboard shares the names (dashboard/src/region/data.ts) and the i18n table can be checked.
export const TICKET_STATUSES = ['waiting', 'responded', 'escalated', 'resolved'] as const
export type TicketStatus = (typeof TICKET_STATUSES)[number]
