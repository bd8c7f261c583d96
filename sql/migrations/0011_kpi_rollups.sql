-- The ticket KPIs of each creation hour and zone, kept computed: a KPI query over a day adds up the stored
-- partial sums and percentile states of its zone-hours (sql/queries/kpi_tickets.sql) instead of reading
-- and folding every ticket of the window, which was most of its time (about 200 ms for a day of 70 k
-- tickets). The server computes a zone-hour's partials when a query needs them and they are missing or
-- older than its tickets (server/src/kpi/ticket-kpi-hours.ts, sql/queries/ticket_kpi_hours_*.sql).
--  - A ticket's rows keep coming after its hour (responses, resolutions, ratings, reopens). Every row of
--    ticket_summary now counts the events folded into it (event_rows, a sum, so merges keep it), and a
--    zone-hour's partials record the count they were computed from (source_rows, read in the same scan):
--    rows are only ever added to a zone-hour, so a different count means they are out of date.
--  - The partials do not depend on the time of the query: the three §5 terms that do (unanswered tickets
--    younger than 60 s, older than 180 s, urgent ones older than 900 s) keep the creation times of the
--    unanswered tickets, which the KPI query compares with its {now}.
--  - A zone-hour whose tickets all lie in the window is read whole (cut = the hour, ticket_kpi_hours); one
--    the window's edge cuts through has partials of its part inside the window (cut_from, cut_to) in
--    ticket_kpi_cuts, which keeps them ten minutes: an alert over "the last 30 minutes" asks for a new cut
--    at every pass. Tickets outside the cut count in source_rows only (dim 'outside'), so every zone-hour
--    with rows has stored rows once computed.
--  - settings_key names the definition and the settings (peak windows, promotion days, time zone) the
--    partials were computed with: a change of either computes them again.

ALTER TABLE ticket_summary ADD COLUMN IF NOT EXISTS event_rows SimpleAggregateFunction(sum, UInt64) DEFAULT 1;

-- Each zone-hour's event count and first and last creation time, kept by ClickHouse with every part, so
-- that finding the zone-hours whose partials are out of date (ticket_kpi_hours_due.sql) reads a row per
-- zone-hour instead of one per ticket. Merges and the writer's deletes of early lifecycles
-- (early_lifecycles_delete.sql) rebuild it.
ALTER TABLE ticket_summary MODIFY SETTING deduplicate_merge_projection_mode = 'rebuild', lightweight_mutation_projection_mode = 'rebuild';

ALTER TABLE ticket_summary ADD PROJECTION IF NOT EXISTS zone_hours
    (SELECT created_hour, zone, sum(event_rows), min(created_at), max(created_at) GROUP BY created_hour, zone);

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

CREATE TABLE IF NOT EXISTS ticket_kpi_hours
(
    created_hour           DateTime('UTC'),
    zone                   LowCardinality(String),
    settings_key           LowCardinality(String),
    cut_from               DateTime64(3, 'UTC'),
    cut_to                 DateTime64(3, 'UTC'),
    dim                    LowCardinality(String),
    key                    LowCardinality(String),
    -- the zone-hour's event count, first and last creation time when these partials were computed
    source_rows            UInt64,
    zone_first             DateTime64(3, 'UTC'),
    zone_last              DateTime64(3, 'UTC'),
    refreshed_at           DateTime DEFAULT now(),
    ticket_count           UInt64,
    responded              UInt64,
    instant                UInt64,
    unanswered             Array(DateTime64(3, 'UTC')),
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
    urgent_late            UInt64,
    urgent_unanswered      Array(DateTime64(3, 'UTC')),
    promise_late           UInt64,
    compensation           Float64,
    peak_tickets           UInt64,
    peak_instant           UInt64,
    peak_unanswered        Array(DateTime64(3, 'UTC'))
)
ENGINE = ReplacingMergeTree(source_rows)
PARTITION BY toYYYYMM(created_hour)
ORDER BY (created_hour, zone, settings_key, cut_from, cut_to, dim, key);

-- The zone-hours cut by a window's edge, as above, for ten minutes.
CREATE TABLE IF NOT EXISTS ticket_kpi_cuts AS ticket_kpi_hours
ENGINE = ReplacingMergeTree(source_rows)
PARTITION BY toYYYYMM(created_hour)
ORDER BY (created_hour, zone, settings_key, cut_from, cut_to, dim, key)
TTL refreshed_at + INTERVAL 10 MINUTE
SETTINGS merge_with_ttl_timeout = 300;

-- The stored partials a window [from, to) reads, in these zones (any_zone 1: all): of each zone-hour, the
-- rows of its cut (whole when its tickets all lie in the window, else the hour clipped to the window) and of
-- those the latest version. A refresh writes all of a zone-hour's rows and FINAL keeps one copy of each,
-- but an older version may still hold rows for breakdown values the latest has no more. The server brings
-- them up to date first (ticket_kpi_hours_due.sql); kpi_tickets.sql and cells_tickets.sql add them up.
CREATE OR REPLACE VIEW ticket_parts_in_window AS
WITH
    {from:DateTime64(3)} AS from_ts,
    {to:DateTime64(3)} AS to_ts,
    zone_first >= from_ts AND zone_last < to_ts AS whole
SELECT *
FROM (
    SELECT *, max(source_rows) OVER (PARTITION BY created_hour, zone) AS latest
    FROM (
        SELECT * FROM ticket_kpi_hours FINAL
        WHERE created_hour BETWEEN toStartOfHour(from_ts) AND to_ts AND settings_key = {settings_key:String}
          AND ({any_zone:UInt8} = 1 OR zone IN {listed_zones:Array(String)}) AND whole
        UNION ALL
        SELECT * FROM ticket_kpi_cuts FINAL
        WHERE created_hour BETWEEN toStartOfHour(from_ts) AND to_ts AND settings_key = {settings_key:String}
          AND ({any_zone:UInt8} = 1 OR zone IN {listed_zones:Array(String)}) AND NOT whole
          AND cut_from = greatest(toDateTime64(created_hour, 3, 'UTC'), from_ts) AND cut_to = least(toDateTime64(created_hour + INTERVAL 1 HOUR, 3, 'UTC'), to_ts)
    )
)
WHERE source_rows = latest AND dim != 'outside';

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
