-- Stores the partials of these settled creation hours, every zone (sql/fragments/ticket_kpi_parts.sql, computed now), in
-- ticket_kpi_hours, each row with the event count of its zone-hour as read by the same scan: the rows of
-- dims 'all' and 'outside' add up to it (sql/migrations/0011_kpi_rollups.sql).
INSERT INTO ticket_kpi_hours
SELECT created_hour, zone, {settings_key:String} AS settings_key, dim, key,
       sumIf(group_rows, dim IN ('all', 'outside')) OVER (PARTITION BY created_hour, zone) AS source_rows,
       now() AS refreshed_at,
       ticket_count, eligible, instant, responded, frt, resolved, first_contact_resolved, reopened, ttr,
       rated, csat_sum, bad_reviews, bot_resolved, followed_up, urgent_breached, promise_broken,
       compensation, peak_eligible, peak_instant
FROM (
    -- include: ticket_kpi_parts
)
