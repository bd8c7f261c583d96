-- The partials a window [from, to) adds up, in the zones {any_zone, listed_zones}: for the hours it computes
-- from the tickets ({computed_hours}: still moving, or cut by the window's edge), ticket_kpi_parts.sql; for
-- every other hour of the window, the latest stored version of each zone-hour (a refresh writes all of a
-- zone-hour's rows and FINAL keeps one copy of each, but an older version may still hold rows for breakdown
-- values the latest has no more). The server brings the stored ones up to date first
-- (ticket_kpi_hours_due.sql); kpi_tickets.sql and cells_tickets.sql include this.
SELECT zone, created_hour, dim, key, ticket_count, eligible, instant, responded, frt, resolved, first_contact_resolved,
       reopened, ttr, rated, csat_sum, bad_reviews, bot_resolved, followed_up, urgent_breached, promise_broken,
       compensation, peak_eligible, peak_instant
FROM (
    SELECT *, max(source_rows) OVER (PARTITION BY created_hour, zone) AS latest
    FROM ticket_kpi_hours FINAL
    WHERE created_hour >= toStartOfHour({from:DateTime64(3)}) AND created_hour < {to:DateTime64(3)}
      AND NOT has({computed_hours:Array(DateTime)}, created_hour)
      AND settings_key = {settings_key:String} AND ({any_zone:UInt8} = 1 OR zone IN {listed_zones:Array(String)})
)
WHERE source_rows = latest AND dim != 'outside'
UNION ALL
SELECT zone, created_hour, dim, key, ticket_count, eligible, instant, responded, frt, resolved, first_contact_resolved,
       reopened, ttr, rated, csat_sum, bad_reviews, bot_resolved, followed_up, urgent_breached, promise_broken,
       compensation, peak_eligible, peak_instant
FROM (
    -- include: ticket_kpi_parts
)
WHERE dim != 'outside'
