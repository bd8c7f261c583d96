-- The ticket KPIs of each settled creation hour and zone, kept computed: a KPI query over a day adds up the
-- stored partial sums and percentile states of its settled zone-hours and computes only the rest (the last
-- hour or two, and hours the window's edges cut through) from the tickets, instead of reading and folding
-- every ticket of the window, which was most of its time (about 200 ms for a day of 70 k tickets). See
-- server/src/kpi/ticket-kpi-hours.ts for which hours are which.
--  - An hour is settled 75 minutes after it starts: its every ticket is then over 900 s old, the longest age
--    a §5 KPI looks at, so its partials no longer depend on the time of the query. The hours still moving
--    are not stored: under a steady stream of events they would be computed again at every look.
--  - A ticket's rows keep coming after its hour (responses, resolutions, ratings, reopens). Every row of
--    ticket_summary now counts the events folded into it (event_rows, a sum, so merges keep it), and a
--    zone-hour's partials record the count they were computed from (source_rows, read in the same scan):
--    rows are only ever added to a zone-hour, so a different count means they are out of date, and the
--    server computes them again before it reads them (sql/queries/ticket_kpi_hours_*.sql).
--  - settings_key names the definition and the settings (peak windows, promotion days, time zone) the
--    partials were computed with: a change of either computes them again.

ALTER TABLE ticket_summary ADD COLUMN IF NOT EXISTS event_rows SimpleAggregateFunction(sum, UInt64) DEFAULT 1;

-- Each zone-hour's event count, kept by ClickHouse with every part, so
-- that finding the zone-hours whose partials are out of date (ticket_kpi_hours_due.sql) reads a row per
-- zone-hour instead of one per ticket. Merges and the writer's deletes of early lifecycles
-- (early_lifecycles_delete.sql) rebuild it.
ALTER TABLE ticket_summary MODIFY SETTING deduplicate_merge_projection_mode = 'rebuild', lightweight_mutation_projection_mode = 'rebuild';

ALTER TABLE ticket_summary ADD PROJECTION IF NOT EXISTS zone_hours
    (SELECT created_hour, zone, sum(event_rows) GROUP BY created_hour, zone);

ALTER TABLE ticket_summary MATERIALIZE PROJECTION zone_hours SETTINGS mutations_sync = 1;

-- The view of 0010 again, counting each row's events.
DROP TABLE IF EXISTS ticket_summary_mv;

CREATE MATERIALIZED VIEW IF NOT EXISTS ticket_summary_mv TO ticket_summary AS
SELECT
    toStartOfHour(key_at)                                                     AS created_hour,
    key_zone                                                                  AS zone,
    ticket_id,
    minOrNullIf(ts, type = 'ticket.created')                                  AS created_at,
    maxIf(channel, type = 'ticket.created')                                   AS channel,
    maxIf(category, type = 'ticket.created')                                  AS category,
    maxIf(priority, type = 'ticket.created')                                  AS priority,
    maxIf(segment, type = 'ticket.created')                                   AS segment,
    minOrNullIf(ts, type = 'ticket.responded')                                AS first_response_at,
    CAST(maxIf((ts, toUInt8(actor = 'bot'), compensation_cny), type = 'ticket.resolved'),
         'Tuple(at DateTime64(3, \'UTC\'), by_bot UInt8, compensation_cny Float64)') AS resolution,
    CAST(maxIf((ts, csat), type = 'ticket.rated'), 'Tuple(at DateTime64(3, \'UTC\'), csat UInt8)') AS rating,
    toUInt64(countIf(type = 'ticket.transferred'))                            AS transfers,
    toUInt64(countIf(type = 'ticket.escalated'))                              AS escalations,
    toUInt64(countIf(type = 'ticket.reopened'))                               AS reopens,
    toUInt8(countIf(type = 'ticket.followed_up') > 0)                         AS followed_up,
    count()                                                                   AS event_rows
FROM (
    SELECT *,
           if(ticket_created_at > toDateTime64(0, 3, 'UTC') OR type != 'ticket.created', ticket_created_at, ts) AS key_at,
           if(ticket_zone != '' OR type != 'ticket.created', ticket_zone, zone)                                 AS key_zone
    FROM events
    WHERE type LIKE 'ticket.%'
)
GROUP BY created_hour, zone, ticket_id;

-- The SPEC §5 ticket KPIs of the tickets created in [from, to) in these creation hours and zones, as partial
-- sums and percentile states per hour, zone and breakdown value (dim 'all' with key '' for the zone-hour,
-- then one row per channel, category, segment and priority), with the ages that three of them look at
-- taken at {now}. The tickets of these hours outside [from, to) give one row of dim 'outside', so that
-- group_rows adds up to the zone-hour's event count. Times are in ms up to the KPI query.
CREATE OR REPLACE VIEW ticket_kpi_parts AS
SELECT created_hour, zone, dim_key.1 AS dim, dim_key.2 AS key,
       sum(event_rows) AS group_rows,
       count() AS ticket_count,
       -- tickets younger than 60 s without a response do not count against instant response yet
       countIf(NOT (NOT has_response AND age_ms < 60000)) AS eligible,
       countIf(is_instant) AS instant,
       countIf(has_response) AS responded,
       -- both first-response percentiles from one state
       quantilesExactIfState(0.5, 0.9)(frt_ms, has_response) AS frt,
       countIf(is_resolved) AS resolved,
       countIf(is_resolved AND handoffs = 0) AS first_contact_resolved,
       countIf(reopens > 0) AS reopened,
       quantileExactIfState(0.5)(ttr_ms, is_resolved) AS ttr,
       countIf(csat > 0) AS rated,
       sumIf(toUInt64(csat), csat > 0) AS csat_sum,
       countIf(csat BETWEEN 1 AND 2) AS bad_reviews,
       countIf(is_resolved AND by_bot) AS bot_resolved,
       countIf(is_resolved AND has_followup) AS followed_up,
       countIf(is_urgent AND (has_response AND frt_ms > 900000 OR NOT has_response AND age_ms > 900000)) AS urgent_breached,
       countIf(has_response AND frt_ms > 180000 OR NOT has_response AND age_ms > 180000) AS promise_broken,
       sumIf(compensation_cny, is_resolved) AS compensation,
       countIf(is_peak AND NOT (NOT has_response AND age_ms < 60000)) AS peak_eligible,
       countIf(is_peak AND is_instant) AS peak_instant
FROM (
    SELECT created_hour, zone, event_rows, channel, category, segment, priority,
           created >= {from:DateTime64(3)} AND created < {to:DateTime64(3)} AS in_window,
           first_response_at IS NOT NULL AS has_response,
           -- read only together with has_response
           dateDiff('millisecond', created, assumeNotNull(first_response_at)) AS frt_ms,
           has_response AND frt_ms <= 60000 AS is_instant,
           resolution.at > toDateTime64(0, 3, 'UTC') AS is_resolved,
           dateDiff('millisecond', created, resolution.at) AS ttr_ms,
           dateDiff('millisecond', created, {now:DateTime64(3)}) AS age_ms,
           priority = 'urgent' AS is_urgent,
           toHour(created, {tz:String}) * 60 + toMinute(created, {tz:String}) AS minute_of_day,
           -- promotion days as month * 100 + day (06-18 is 618): cheaper per ticket than formatting a date
           has({promo_days:Array(UInt16)}, toMonth(created, {tz:String}) * 100 + toDayOfMonth(created, {tz:String}))
             OR arrayExists((s, e) -> minute_of_day >= s AND minute_of_day < e, {peak_starts:Array(UInt16)}, {peak_ends:Array(UInt16)}) AS is_peak,
           resolution.by_bot = 1 AS by_bot, resolution.compensation_cny AS compensation_cny, rating.csat AS csat,
           transfers + escalations + reopens AS handoffs, reopens, followed_up = 1 AS has_followup
    FROM (
        SELECT created_hour, zone, assumeNotNull(created_at) AS created, channel, category, priority, segment,
               first_response_at, resolution, rating, transfers, escalations, reopens, followed_up, event_rows
        FROM ticket_summary FINAL
        -- hours as epoch seconds (numbers, so that no time zone is involved in reading them)
        WHERE created_hour IN {hours:Array(DateTime)}
          AND ({any_zone:UInt8} = 1 OR zone IN {listed_zones:Array(String)})
    )
)
ARRAY JOIN if(in_window,
              [('all', ''), ('channel', toString(channel)), ('category', toString(category)),
               ('segment', toString(segment)), ('priority', toString(priority))],
              [('outside', '')]) AS dim_key
GROUP BY created_hour, zone, dim, key;

-- Settled zone-hours of ticket_kpi_parts, each row with the event count of its zone-hour it was computed
-- from. A refresh writes a new version of a zone-hour's rows; reads take the latest version.
CREATE TABLE IF NOT EXISTS ticket_kpi_hours
(
    created_hour           DateTime('UTC'),
    zone                   LowCardinality(String),
    settings_key           LowCardinality(String),
    dim                    LowCardinality(String),
    key                    LowCardinality(String),
    source_rows            UInt64,
    refreshed_at           DateTime DEFAULT now(),
    ticket_count           UInt64,
    eligible               UInt64,
    instant                UInt64,
    responded              UInt64,
    frt                    AggregateFunction(quantilesExactIf(0.5, 0.9), Int64, UInt8),
    resolved               UInt64,
    first_contact_resolved UInt64,
    reopened               UInt64,
    ttr                    AggregateFunction(quantileExactIf(0.5), Int64, UInt8),
    rated                  UInt64,
    csat_sum               UInt64,
    bad_reviews            UInt64,
    bot_resolved           UInt64,
    followed_up            UInt64,
    urgent_breached        UInt64,
    promise_broken         UInt64,
    compensation           Float64,
    peak_eligible          UInt64,
    peak_instant           UInt64
)
ENGINE = ReplacingMergeTree(source_rows)
PARTITION BY toYYYYMM(created_hour)
ORDER BY (created_hour, zone, settings_key, dim, key);

-- The partials a window [from, to) adds up, in these zones (any_zone 1: all): for the hours it computes
-- from the tickets ({live_hours}: still moving, or cut by the window's edge), ticket_kpi_parts; for every
-- other hour of the window, the latest stored version of each zone-hour (a refresh writes all of a
-- zone-hour's rows and FINAL keeps one copy of each, but an older version may still hold rows for breakdown
-- values the latest has no more). The server brings the stored ones up to date first
-- (ticket_kpi_hours_due.sql); kpi_tickets.sql and cells_tickets.sql read this.
CREATE OR REPLACE VIEW ticket_parts_in_window AS
SELECT zone, created_hour, dim, key, ticket_count, eligible, instant, responded, frt, resolved, first_contact_resolved,
       reopened, ttr, rated, csat_sum, bad_reviews, bot_resolved, followed_up, urgent_breached, promise_broken,
       compensation, peak_eligible, peak_instant
FROM (
    SELECT *, max(source_rows) OVER (PARTITION BY created_hour, zone) AS latest
    FROM ticket_kpi_hours FINAL
    WHERE created_hour >= toStartOfHour({from:DateTime64(3)}) AND created_hour < {to:DateTime64(3)}
      AND NOT has({live_hours:Array(DateTime)}, created_hour)
      AND settings_key = {settings_key:String} AND ({any_zone:UInt8} = 1 OR zone IN {listed_zones:Array(String)})
)
WHERE source_rows = latest AND dim != 'outside'
UNION ALL
SELECT zone, created_hour, dim, key, ticket_count, eligible, instant, responded, frt, resolved, first_contact_resolved,
       reopened, ttr, rated, csat_sum, bad_reviews, bot_resolved, followed_up, urgent_breached, promise_broken,
       compensation, peak_eligible, peak_instant
FROM ticket_kpi_parts(from = {from:DateTime64(3)}, to = {to:DateTime64(3)}, now = {now:DateTime64(3)}, hours = {live_hours:Array(DateTime)},
                      tz = {tz:String}, promo_days = {promo_days:Array(UInt16)}, peak_starts = {peak_starts:Array(UInt16)},
                      peak_ends = {peak_ends:Array(UInt16)}, any_zone = {any_zone:UInt8}, listed_zones = {listed_zones:Array(String)})
WHERE dim != 'outside';

-- 0010's window view: every read of a window's tickets now goes through ticket_parts_in_window.
DROP VIEW IF EXISTS tickets_in_window;

-- Every agent's latest status and region before the start of a UTC day, so kpi_agents.sql reads one day's
-- snapshot and the events since instead of every agent.status event ever (1.3 M at 120 days of a large
-- platform). source_events is the number of agent.status events before the day that the snapshot was
-- computed from; a late event before the day changes that count, and the server computes it again
-- (server/src/kpi/kpis.ts, sql/queries/agent_snapshot_*.sql).
CREATE TABLE IF NOT EXISTS agent_status_asof
(
    day           DateTime('UTC'),
    agent_id      String,
    status_at     DateTime64(3, 'UTC'),
    status        LowCardinality(String),
    region_at     DateTime64(3, 'UTC'),
    region        LowCardinality(String),
    source_events UInt64
)
ENGINE = ReplacingMergeTree(source_events)
ORDER BY (day, agent_id);
