-- ticket_kpi_hours made again, for two costs of every KPI read:
-- 1. The percentile inputs (frt: the first-response times of a zone-hour's answered tickets, ttr: the
--    resolution times of its resolved ones, in ms) are plain arrays of those values, not quantileExact
--    states. A week's read turns about 3 M of them into its percentiles (the scope and SPEC's two breakdowns
--    each hold every value again), and ClickHouse reads plain arrays and feeds them to quantilesExactArray
--    faster than it deserializes and merges states of the same values: on copies of a week's rows at 10 M
--    tickets, 32 ms of a read instead of 43, with the same results. The size is unchanged (a state also held
--    every value), and they stay uncompressed for the reason of 0016.
-- 2. A refresh marks the rows of a zone-hour's older version that its new version has no more (a breakdown
--    value gone, when a ticket is created again with another channel) as deleted: a row of the same key and
--    the new version (source_rows), with is_deleted = 1. FINAL then leaves exactly the latest version of
--    each zone-hour, and a read no longer picks it with a set of (hour, zone, source_rows) from a subquery,
--    which took about 20 ms of every KPI read to plan and to build (sql/fragments/ticket_parts_stored.sql).
-- The partials are derived data: the server fills the table again in the background after start-up, as
-- after 0011, 0013 and 0014.
DROP TABLE IF EXISTS ticket_kpi_hours;

CREATE TABLE IF NOT EXISTS ticket_kpi_hours
(
    created_hour               DateTime('UTC'),
    zone                       LowCardinality(String),
    settings_key               LowCardinality(String),
    dim                        LowCardinality(String),
    key                        LowCardinality(String),
    source_rows                UInt64,
    is_deleted                 UInt8,
    refreshed_at               DateTime DEFAULT now(),
    ticket_count               UInt64,
    instant                    UInt64,
    responded                  UInt64,
    frt                        Array(Int64) CODEC(NONE),
    responses_over_180s        UInt64,
    urgent_responses_over_900s UInt64,
    peak_responded             UInt64,
    peak_instant               UInt64,
    unanswered_created         Array(Int64),
    unanswered_peak_created    Array(Int64),
    unanswered_urgent_created  Array(Int64),
    resolved                   UInt64,
    first_contact_resolved     UInt64,
    reopened                   UInt64,
    ttr                        Array(Int64) CODEC(NONE),
    rated                      UInt64,
    csat_sum                   UInt64,
    bad_reviews                UInt64,
    bot_resolved               UInt64,
    followed_up                UInt64,
    compensation               Float64
)
ENGINE = ReplacingMergeTree(source_rows, is_deleted)
PARTITION BY (toYYYYMM(created_hour), dim)
ORDER BY (created_hour, zone, settings_key, dim, key);
