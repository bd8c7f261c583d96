-- One row per ticket (once parts merge): its facts and its lifecycle folded by simple functions only (min,
-- max, sum), keyed by its creation hour and zone, so a window's tickets are read with FINAL instead of a
-- GROUP BY ticket_id over -Merge states. ticket_state (0008, 0009) grouped and merged aggregate states of
-- every row of the window's UTC days at each query: at 10 M tickets that was most of a KPI query's time.
--  - The key comes from the writer's stamp (events.ticket_created_at, ticket_zone: ingest/ticket-creation.ts),
--    which it puts on ticket.created rows too (the earliest creation it knows), so every row of a ticket
--    lands on one key; a row without a stamp keys a ticket.created by its own ts and zone.
--  - A lifecycle event whose ticket.created had not arrived keys at hour 0 with zone ''. When the ticket
--    arrives, the writer copies those rows' folded state to the ticket's key and deletes them
--    (sql/queries/early_lifecycles_move.sql), so a window's tickets are whole on their own key.
--  - The latest resolution and rating are tuples that sort by time first, so `max` keeps the latest one
--    (what argMax did): resolution (at, by_bot, compensation_cny), rating (at, csat). No resolution or rating
--    is the all-zero tuple.

CREATE TABLE IF NOT EXISTS ticket_summary
(
    created_hour      DateTime('UTC'),
    zone              LowCardinality(String),
    ticket_id         String,
    created_at        SimpleAggregateFunction(min, Nullable(DateTime64(3, 'UTC'))),
    channel           SimpleAggregateFunction(max, LowCardinality(String)),
    category          SimpleAggregateFunction(max, LowCardinality(String)),
    priority          SimpleAggregateFunction(max, LowCardinality(String)),
    segment           SimpleAggregateFunction(max, LowCardinality(String)),
    first_response_at SimpleAggregateFunction(min, Nullable(DateTime64(3, 'UTC'))),
    resolution        SimpleAggregateFunction(max, Tuple(at DateTime64(3, 'UTC'), by_bot UInt8, compensation_cny Float64)),
    rating            SimpleAggregateFunction(max, Tuple(at DateTime64(3, 'UTC'), csat UInt8)),
    transfers         SimpleAggregateFunction(sum, UInt64),
    escalations       SimpleAggregateFunction(sum, UInt64),
    reopens           SimpleAggregateFunction(sum, UInt64),
    followed_up       SimpleAggregateFunction(max, UInt8)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(created_hour)
ORDER BY (created_hour, zone, ticket_id)
-- an hour of a large platform's tickets is a few thousand rows: small granules let a zone's or a region's
-- read skip the other zones within each hour
SETTINGS index_granularity = 1024;

-- The tickets stored so far, once, from ticket_state (lifecycles stored there before their ticket join it
-- here; those whose ticket has not arrived stay at hour 0). ticket_state kept no time for the latest rating, so a carried-over rating
-- gets 1970-01-01 00:00:00.001: any rating that arrives later replaces it.
INSERT INTO ticket_summary
SELECT toStartOfHour(ifNull(min(created_at), toDateTime64(0, 3, 'UTC'))) AS created_hour,
       max(zone), ticket_id, min(created_at), max(channel), max(category), max(priority), max(segment),
       minOrNullIfMerge(first_response_at),
       CAST((ifNull(maxOrNullIfMerge(last_resolved_at), toDateTime64(0, 3, 'UTC')), argMaxIfMerge(resolved_by) = 'bot', argMaxIfMerge(compensation_cny)),
            'Tuple(at DateTime64(3, \'UTC\'), by_bot UInt8, compensation_cny Float64)'),
       CAST((toDateTime64(if(argMaxIfMerge(csat) > 0, 0.001, 0), 3, 'UTC'), argMaxIfMerge(csat)), 'Tuple(at DateTime64(3, \'UTC\'), csat UInt8)'),
       sum(transfers), sum(escalations), sum(reopens), max(followed_up)
FROM ticket_state
WHERE (SELECT count() FROM ticket_summary) = 0
GROUP BY ticket_id;

-- The writer keys a ticket's later events by the zone ticket_index gives (ticket_created.sql), which is ''
-- for tickets indexed before 0009: their zones, once, so those events land on the ticket's key.
INSERT INTO ticket_index (ticket_id, created_at, zone)
SELECT ticket_id, assumeNotNull(created_at), zone
FROM ticket_summary
WHERE created_hour > toDateTime(0, 'UTC') AND zone != ''
  AND ticket_id IN (SELECT ticket_id FROM ticket_index GROUP BY ticket_id HAVING max(zone) = '');

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
    toUInt8(countIf(type = 'ticket.followed_up') > 0)                         AS followed_up
FROM (
    SELECT *,
           if(ticket_created_at > toDateTime64(0, 3, 'UTC') OR type != 'ticket.created', ticket_created_at, ts) AS key_at,
           if(ticket_zone != '' OR type != 'ticket.created', ticket_zone, zone)                                 AS key_zone
    FROM events
    WHERE type LIKE 'ticket.%'
)
GROUP BY created_hour, zone, ticket_id;

-- ticket_state stops being fed; its rows stay until a later migration removes the table.
DROP TABLE IF EXISTS ticket_state_mv;

-- The tickets created in [from, to), one row each with its lifecycle folded: the window's hours read with
-- FINAL, which merges a ticket's rows on its key as they are read. Every query about the tickets of a window
-- reads this view (kpi_tickets.sql, cells_tickets.sql), with its scope's zone filter outside, which
-- ClickHouse pushes in.
CREATE VIEW IF NOT EXISTS tickets_in_window AS
SELECT ticket_id, assumeNotNull(created_at) AS created, zone, channel, category, priority, segment,
       first_response_at, resolution, rating, transfers, escalations, reopens, followed_up
FROM ticket_summary FINAL
WHERE created_hour BETWEEN toStartOfHour({from:DateTime64(3)}) AND {to:DateTime64(3)}
  AND created_at >= {from:DateTime64(3)} AND created_at < {to:DateTime64(3)};
