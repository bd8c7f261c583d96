-- One row per ticket.created event: the ticket's dimensions, keyed for "tickets created in [from, to) in
-- these zones" (SPEC §5). A ticket re-created under another event_id appears twice; queries group by
-- ticket_id and take the earliest creation.
CREATE TABLE IF NOT EXISTS tickets
(
    ticket_id  String,
    created_at DateTime64(3, 'UTC') CODEC(DoubleDelta, ZSTD(1)),
    zone       LowCardinality(String),
    channel    LowCardinality(String),
    category   LowCardinality(String),
    priority   LowCardinality(String),
    segment    LowCardinality(String),
    order_id   String,
    text       String CODEC(ZSTD(3))
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(created_at)
ORDER BY (zone, created_at, ticket_id);

CREATE MATERIALIZED VIEW IF NOT EXISTS tickets_mv TO tickets AS
SELECT ticket_id, ts AS created_at, zone, channel, category, priority, segment, order_id, text
FROM events
WHERE type = 'ticket.created';

-- Per-ticket lifecycle state folded from every later event, whatever order it arrives in. Read with the
-- -Merge combinators grouped by ticket_id (parts may not be merged yet).
CREATE TABLE IF NOT EXISTS ticket_lifecycle
(
    ticket_id         String,
    first_response_at AggregateFunction(minOrNullIf, DateTime64(3, 'UTC'), UInt8),
    last_resolved_at  AggregateFunction(maxOrNullIf, DateTime64(3, 'UTC'), UInt8),
    resolved_by       AggregateFunction(argMaxIf, String, DateTime64(3, 'UTC'), UInt8),
    compensation_cny  AggregateFunction(argMaxIf, Float64, DateTime64(3, 'UTC'), UInt8),
    csat              AggregateFunction(argMaxIf, UInt8, DateTime64(3, 'UTC'), UInt8),
    transfers         SimpleAggregateFunction(sum, UInt64),
    escalations       SimpleAggregateFunction(sum, UInt64),
    reopens           SimpleAggregateFunction(sum, UInt64),
    followed_up       SimpleAggregateFunction(max, UInt8)
)
ENGINE = AggregatingMergeTree
ORDER BY ticket_id;

CREATE MATERIALIZED VIEW IF NOT EXISTS ticket_lifecycle_mv TO ticket_lifecycle AS
SELECT
    ticket_id,
    minOrNullIfState(ts, type = 'ticket.responded')                          AS first_response_at,
    maxOrNullIfState(ts, type = 'ticket.resolved')                           AS last_resolved_at,
    argMaxIfState(toString(actor), ts, type = 'ticket.resolved')             AS resolved_by,
    argMaxIfState(compensation_cny, ts, type = 'ticket.resolved')            AS compensation_cny,
    argMaxIfState(csat, ts, type = 'ticket.rated')                           AS csat,
    toUInt64(countIf(type = 'ticket.transferred'))                           AS transfers,
    toUInt64(countIf(type = 'ticket.escalated'))                             AS escalations,
    toUInt64(countIf(type = 'ticket.reopened'))                              AS reopens,
    toUInt8(countIf(type = 'ticket.followed_up') > 0)                        AS followed_up
FROM events
WHERE type LIKE 'ticket.%' AND type != 'ticket.created'
GROUP BY ticket_id;
