-- The partials a window [from, to) adds up, in the zones {any_zone, listed_zones}: for the hours it computes
-- from the tickets ({computed_hours}: still moving, or cut by the window's edge), ticket_kpi_parts.sql; for
-- every other hour of the window, the latest stored version of each zone-hour (a refresh writes all of a
-- zone-hour's rows and FINAL keeps one copy of each, but an older version may still hold rows for breakdown
-- values the latest has no more). The latest version is picked with a set of (hour, zone, source_rows) read
-- from narrow columns, not a window function over the rows: that carried every percentile state through a
-- sort, about a fifth of a 7-day KPI query. The server brings the stored ones up to date first
-- (ticket_kpi_hours_due.sql); kpi_tickets.sql and cells_tickets.sql include this.
SELECT zone, created_hour, dim, key, ticket_count, eligible, instant, responded, frt, resolved, first_contact_resolved,
       reopened, ttr, rated, csat_sum, bad_reviews, bot_resolved, followed_up, urgent_breached, promise_broken,
       compensation, peak_eligible, peak_instant
FROM ticket_kpi_hours FINAL
WHERE created_hour >= toStartOfHour({from:DateTime64(3)}) AND created_hour < {to:DateTime64(3)}
  AND NOT has({computed_hours:Array(DateTime)}, created_hour)
  AND settings_key = {settings_key:String} AND ({any_zone:UInt8} = 1 OR zone IN {listed_zones:Array(String)})
  AND dim != 'outside'
  AND (created_hour, zone, source_rows) IN (
      SELECT created_hour, zone, max(source_rows)
      FROM ticket_kpi_hours
      WHERE created_hour >= toStartOfHour({from:DateTime64(3)}) AND created_hour < {to:DateTime64(3)}
        AND NOT has({computed_hours:Array(DateTime)}, created_hour)
        AND settings_key = {settings_key:String} AND dim IN ('all', 'outside')
        AND ({any_zone:UInt8} = 1 OR zone IN {listed_zones:Array(String)})
      GROUP BY created_hour, zone)
UNION ALL
SELECT zone, created_hour, dim, key, ticket_count, eligible, instant, responded, frt, resolved, first_contact_resolved,
       reopened, ttr, rated, csat_sum, bad_reviews, bot_resolved, followed_up, urgent_breached, promise_broken,
       compensation, peak_eligible, peak_instant
FROM (
    -- include: ticket_kpi_parts
)
WHERE dim != 'outside'
