-- Stores the partials of these settled creation hours, every zone (ticket_kpi_parts, computed now), in
-- ticket_kpi_hours, each row with the event count of its zone-hour as read by the same scan: the rows of
-- dims 'all' and 'outside' add up to it (sql/migrations/0011_kpi_rollups.sql).
INSERT INTO ticket_kpi_hours
SELECT created_hour, zone, {settings_key:String} AS settings_key, dim, key,
       sumIf(group_rows, dim IN ('all', 'outside')) OVER (PARTITION BY created_hour, zone) AS source_rows,
       now() AS refreshed_at,
       ticket_count, eligible, instant, responded, frt, resolved, first_contact_resolved, reopened, ttr,
       rated, csat_sum, bad_reviews, bot_resolved, followed_up, urgent_breached, promise_broken,
       compensation, peak_eligible, peak_instant
FROM ticket_kpi_parts(from = {from:DateTime64(3)}, to = {to:DateTime64(3)}, now = {now:DateTime64(3)}, hours = {hours:Array(DateTime)},
                      tz = {tz:String}, promo_days = {promo_days:Array(UInt16)}, peak_starts = {peak_starts:Array(UInt16)},
                      peak_ends = {peak_ends:Array(UInt16)}, any_zone = 1, listed_zones = [])
