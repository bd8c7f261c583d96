-- The stored ticket KPI partials split into a partition per dim ('all', 'outside' and each breakdown) within
-- each month, so that a read of some dims reads only their parts. In one partition the rows of 'all' lay
-- between the breakdowns' in every granule, so a read of the whole scope alone (weekly trends, drill-down,
-- the heatmap's risk levels) read and decompressed every breakdown's percentile states as well, and a read
-- of the platform's week with channel and category read segment's and priority's too (about 2 of 5 of what
-- it read). The sorting key is unchanged and holds dim, so FINAL never needs to merge across partitions.
-- The partials are derived data: the table is made again and the server fills it in the background after
-- start-up, as after 0011 and 0013.
DROP TABLE IF EXISTS ticket_kpi_hours;

CREATE TABLE IF NOT EXISTS ticket_kpi_hours
(
    created_hour               DateTime('UTC'),
    zone                       LowCardinality(String),
    settings_key               LowCardinality(String),
    dim                        LowCardinality(String),
    key                        LowCardinality(String),
    source_rows                UInt64,
    refreshed_at               DateTime DEFAULT now(),
    ticket_count               UInt64,
    instant                    UInt64,
    responded                  UInt64,
    frt                        AggregateFunction(quantilesExactIf(0.5, 0.9), Int64, UInt8),
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
    ttr                        AggregateFunction(quantileExactIf(0.5), Int64, UInt8),
    rated                      UInt64,
    csat_sum                   UInt64,
    bad_reviews                UInt64,
    bot_resolved               UInt64,
    followed_up                UInt64,
    compensation               Float64
)
ENGINE = ReplacingMergeTree(source_rows)
PARTITION BY (toYYYYMM(created_hour), dim)
ORDER BY (created_hour, zone, settings_key, dim, key);
