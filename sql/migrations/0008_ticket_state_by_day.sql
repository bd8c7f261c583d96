-- Per-ticket state keyed by the ticket's creation day, so a KPI over a window reads the state of that
-- window's tickets only, however long the history (ticket_lifecycle, keyed by ticket_id alone, made every
-- KPI query touch the state of every ticket ever). The writer stamps each lifecycle event with its
-- ticket's creation time (ingest/ticket-creation.ts); an event whose ticket.created has not arrived yet
-- keeps 1970-01-01, and queries always read that day too, so out-of-order lifecycles stay exact.

ALTER TABLE events ADD COLUMN IF NOT EXISTS ticket_created_at DateTime64(3, 'UTC') DEFAULT toDateTime64(0, 3, 'UTC') CODEC(DoubleDelta, ZSTD(1));

-- ticket_id → earliest ticket.created, for the writer's look-ups (a point read on the primary key).
CREATE TABLE IF NOT EXISTS ticket_index
(
    ticket_id  String,
    created_at SimpleAggregateFunction(min, DateTime64(3, 'UTC'))
)
ENGINE = AggregatingMergeTree
ORDER BY ticket_id
SETTINGS index_granularity = 1024;

CREATE MATERIALIZED VIEW IF NOT EXISTS ticket_index_mv TO ticket_index AS
SELECT ticket_id, min(ts) AS created_at FROM events WHERE type = 'ticket.created' GROUP BY ticket_id;

INSERT INTO ticket_index
SELECT ticket_id, min(created_at) FROM tickets
WHERE (SELECT count() FROM ticket_index) = 0
GROUP BY ticket_id;

CREATE TABLE IF NOT EXISTS ticket_state
(
    created_day       Date,
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
PARTITION BY toYYYYMM(created_day)
ORDER BY (created_day, ticket_id);

-- Carries the state already folded into ticket_lifecycle over, once, keyed by each ticket's creation day.
INSERT INTO ticket_state
SELECT toDate(ifNull(c.created, toDateTime64(0, 3, 'UTC'))) AS created_day, l.ticket_id,
       l.first_response_at, l.last_resolved_at, l.resolved_by, l.compensation_cny, l.csat,
       l.transfers, l.escalations, l.reopens, l.followed_up
FROM ticket_lifecycle AS l
LEFT JOIN (SELECT ticket_id, min(created_at) AS created FROM tickets GROUP BY ticket_id) AS c ON c.ticket_id = l.ticket_id
WHERE (SELECT count() FROM ticket_state) = 0
SETTINGS join_use_nulls = 1;

-- ticket_lifecycle stops being fed; its rows stay until a later migration removes the table.
DROP TABLE IF EXISTS ticket_lifecycle_mv;

CREATE MATERIALIZED VIEW IF NOT EXISTS ticket_state_mv TO ticket_state AS
SELECT
    toDate(ticket_created_at)                                                AS created_day,
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
GROUP BY created_day, ticket_id;
