-- The partials a window [from, to) adds up, per zone-hour and breakdown value, with the ages at {now} applied
-- to the unanswered tickets' creation times (sql/migrations/0013_partials_of_every_hour.sql): a ticket
-- unanswered for under 60 s does not count against instant response yet (eligible, peak_eligible), one
-- unanswered for over 180 s has broken the promise, an urgent one unanswered for over 900 s the SLA.
-- The rows come from ticket_parts_stored_and_computed.sql, or from ticket_parts_stored.sql alone when the
-- window has no hour to compute (server/src/kpi/ticket-kpi-hours.ts). kpi_tickets.sql and cells_tickets.sql
-- include this.
WITH toUnixTimestamp64Milli({now:DateTime64(3)}) AS now_ms
SELECT zone, created_hour, dim, key, ticket_count, instant, responded, frt, frt_wide, resolved, first_contact_resolved,
       reopened, ttr, ttr_wide, rated, csat_sum, bad_reviews, bot_resolved, followed_up, compensation, peak_instant,
       responded + arrayCount(c -> c <= now_ms - 60000, unanswered_created) AS eligible,
       peak_responded + arrayCount(c -> c <= now_ms - 60000, unanswered_peak_created) AS peak_eligible,
       responses_over_180s + arrayCount(c -> c < now_ms - 180000, unanswered_created) AS promise_broken,
       urgent_responses_over_900s + arrayCount(c -> c < now_ms - 900000, unanswered_urgent_created) AS urgent_breached
FROM (
    -- include: ticket_parts_stored_and_computed
)
