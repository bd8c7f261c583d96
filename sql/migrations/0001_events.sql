-- The append-only log of every accepted event (SPEC §4.2), one wide row per event. Everything the server
-- reads is derived from it by the materialized views of the later migrations. `text` holds the masked
-- complaint text of `ticket.created` and the masked reason of `ticket.escalated`; `actor` holds
-- `responder` / `resolved_by`; absent fields are '' or 0 so no column needs to be Nullable.
CREATE TABLE IF NOT EXISTS events
(
    event_id         String,
    type             LowCardinality(String),
    ts               DateTime64(3, 'UTC') CODEC(DoubleDelta, ZSTD(1)),
    received_at      DateTime64(3, 'UTC') DEFAULT now64(3) CODEC(DoubleDelta, ZSTD(1)),
    ticket_id        String,
    order_id         String,
    zone             LowCardinality(String),
    agent_id         String,
    channel          LowCardinality(String),
    category         LowCardinality(String),
    priority         LowCardinality(String),
    segment          LowCardinality(String),
    service          LowCardinality(String),
    actor            LowCardinality(String),
    status           LowCardinality(String),
    region           LowCardinality(String),
    to_team          String,
    count            UInt32,
    csat             UInt8,
    compensation_cny Float64,
    text             String CODEC(ZSTD(3))
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(ts)
ORDER BY (type, ts);

-- Every event_id ever stored, for exact de-duplication at ingest (a point lookup on the primary key).
-- A small index granularity keeps a lookup of a 5,000-id batch to a few thousand rows read per id range.
CREATE TABLE IF NOT EXISTS event_ids
(
    event_id String,
    ts       DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree
ORDER BY event_id
SETTINGS index_granularity = 1024;

CREATE MATERIALIZED VIEW IF NOT EXISTS event_ids_mv TO event_ids AS
SELECT event_id, ts FROM events;

-- Quarantine of rejected rows (SPEC §4.1), readable by admins at GET /api/v1/rejected. `raw` is the row's
-- text with personal data already masked.
CREATE TABLE IF NOT EXISTS rejected_events
(
    received_at DateTime64(3, 'UTC') DEFAULT now64(3),
    principal   LowCardinality(String),
    row_index   UInt32,
    event_id    String,
    error       String,
    raw         String CODEC(ZSTD(3))
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(received_at)
ORDER BY received_at
TTL toDateTime(received_at) + INTERVAL 90 DAY
SETTINGS ttl_only_drop_parts = 1;
