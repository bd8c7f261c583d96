-- Alerts (SPEC §6). Every change of an alert (opened, acknowledged, value updated, resolved) writes the
-- whole alert again with a higher `version`; ReplacingMergeTree keeps the latest, and reads use FINAL
-- (alerts number in the thousands, so FINAL stays cheap). `zone` and `region` locate the alert for risk
-- levels and region scoping ('' when it is platform-wide).
CREATE TABLE IF NOT EXISTS alerts
(
    id           String,
    rule         LowCardinality(String),
    subject      String,
    zone         String,
    region       String,
    status       LowCardinality(String),
    severity     LowCardinality(String),
    opened_at    DateTime64(3, 'UTC'),
    resolved_at  Nullable(DateTime64(3, 'UTC')),
    first_day    Nullable(Date),
    fired_day    Nullable(Date),
    resolved_day Nullable(Date),
    value        Float64,
    threshold    Float64,
    ack_by       String,
    ack_note     String,
    ack_at       Nullable(DateTime64(3, 'UTC')),
    details      String,
    version      UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY id;
