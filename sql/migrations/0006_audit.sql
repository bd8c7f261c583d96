-- Who did what (issue 5): alert acknowledgements, zone uploads, sign-ins (failed ones too) and fault
-- injection. Append-only; admins read it at GET /api/v1/audit.
CREATE TABLE IF NOT EXISTS audit_log
(
    at      DateTime64(3, 'UTC') DEFAULT now64(3),
    actor   String,
    action  LowCardinality(String),
    subject String,
    detail  String
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(at)
ORDER BY at;
