-- A ticket's own facts (its earliest creation time, zone, channel, category, priority, segment) join its
-- lifecycle state in ticket_state, so the ticket KPIs read one table: the rows of the window's creation
-- days (and 1970-01-01, for lifecycles whose ticket.created had not arrived), grouped by ticket. Before
-- this, every KPI first found the window's tickets in `tickets` (sorted by zone, so a platform-wide window
-- read every zone's month) and then looked their state up, which at 10 M tickets was most of its time.
-- Lifecycle rows carry NULL and '' for the dimensions; min and max pick the ticket.created row's values
-- when merged. Their zone, though, is stamped by the writer (events.ticket_zone, from ticket_index, as it
-- stamps ticket_created_at), so a region's or zone's KPIs filter rows on zone before grouping; rows
-- stored before this migration, and lifecycles that arrive before their ticket, keep zone '' and are
-- always read.

ALTER TABLE events ADD COLUMN IF NOT EXISTS ticket_zone LowCardinality(String) DEFAULT '' AFTER ticket_created_at;

ALTER TABLE ticket_index ADD COLUMN IF NOT EXISTS zone SimpleAggregateFunction(max, LowCardinality(String));

DROP TABLE IF EXISTS ticket_index_mv;

CREATE MATERIALIZED VIEW IF NOT EXISTS ticket_index_mv TO ticket_index AS
SELECT ticket_id, min(ts) AS created_at, max(zone) AS zone FROM events WHERE type = 'ticket.created' GROUP BY ticket_id;

ALTER TABLE ticket_state ADD COLUMN IF NOT EXISTS created_at SimpleAggregateFunction(min, Nullable(DateTime64(3, 'UTC'))) AFTER ticket_id;
ALTER TABLE ticket_state ADD COLUMN IF NOT EXISTS zone     SimpleAggregateFunction(max, LowCardinality(String)) AFTER created_at;
ALTER TABLE ticket_state ADD COLUMN IF NOT EXISTS channel  SimpleAggregateFunction(max, LowCardinality(String)) AFTER zone;
ALTER TABLE ticket_state ADD COLUMN IF NOT EXISTS category SimpleAggregateFunction(max, LowCardinality(String)) AFTER channel;
ALTER TABLE ticket_state ADD COLUMN IF NOT EXISTS priority SimpleAggregateFunction(max, LowCardinality(String)) AFTER category;
ALTER TABLE ticket_state ADD COLUMN IF NOT EXISTS segment  SimpleAggregateFunction(max, LowCardinality(String)) AFTER priority;

DROP TABLE IF EXISTS ticket_state_mv;

-- The facts of the tickets stored so far, once (the lifecycle columns take their empty states). A ticket
-- created twice under different event ids is keyed by its earliest creation, as 0008 keyed its state.
INSERT INTO ticket_state (created_day, ticket_id, created_at, zone, channel, category, priority, segment)
SELECT toDate(min(created_at)), ticket_id, min(created_at),
       argMin(zone, created_at), argMin(channel, created_at), argMin(category, created_at),
       argMin(priority, created_at), argMin(segment, created_at)
FROM tickets
WHERE (SELECT count() FROM ticket_state WHERE created_at IS NOT NULL) = 0
GROUP BY ticket_id;

CREATE MATERIALIZED VIEW IF NOT EXISTS ticket_state_mv TO ticket_state AS
SELECT
    toDate(if(type = 'ticket.created', ts, ticket_created_at))               AS created_day,
    ticket_id,
    minOrNullIf(ts, type = 'ticket.created')                                 AS created_at,
    max(if(type = 'ticket.created', zone, ticket_zone))                      AS zone,
    maxIf(channel, type = 'ticket.created')                                  AS channel,
    maxIf(category, type = 'ticket.created')                                 AS category,
    maxIf(priority, type = 'ticket.created')                                 AS priority,
    maxIf(segment, type = 'ticket.created')                                  AS segment,
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
WHERE type LIKE 'ticket.%'
GROUP BY created_day, ticket_id;
