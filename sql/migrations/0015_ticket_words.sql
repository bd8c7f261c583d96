-- Each new ticket's complaint keywords, segmented once by ingest (ingest/keywords/segment.ts) and stored
-- with its ticket.created event, so that GET /keywords counts stored words (sql/queries/keyword_counts.sql)
-- instead of reading and segmenting every text of its windows at each read: at 10 M tickets a region's 30
-- days took over a second that way, and with mostly distinct texts far longer. words_key names the
-- segmenter and word lists the words were found with; rows stored before this migration have '' and are
-- segmented at read, like rows stored under an older key (sql/queries/keyword_texts.sql).
ALTER TABLE events
    ADD COLUMN IF NOT EXISTS words Array(LowCardinality(String)) DEFAULT [] AFTER text,
    ADD COLUMN IF NOT EXISTS words_key LowCardinality(String) DEFAULT '' AFTER words;

ALTER TABLE tickets
    ADD COLUMN IF NOT EXISTS words Array(LowCardinality(String)) DEFAULT [] AFTER text,
    ADD COLUMN IF NOT EXISTS words_key LowCardinality(String) DEFAULT '' AFTER words;

-- The view of 0002, carrying the words.
DROP TABLE IF EXISTS tickets_mv;

CREATE MATERIALIZED VIEW IF NOT EXISTS tickets_mv TO tickets AS
SELECT ticket_id, ts AS created_at, zone, channel, category, priority, segment, order_id, text, words, words_key
FROM events
WHERE type = 'ticket.created';
