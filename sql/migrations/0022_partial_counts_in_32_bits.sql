-- The 15 counts of ticket_kpi_hours in 32 bits and uncompressed (the codec 0016 chose for the percentile
-- values, for the same reason). A read takes each count of every row of its window, and a week's read of
-- the platform with all four breakdowns takes about 140 k rows: on copies of the bench's rows at 10 M
-- tickets (kpi_tickets alone, 30 runs each, in turn twice), it took p50 68 ms against 79 with the counts as
-- 64-bit LZ4 columns, and 71 with 32-bit LZ4 ones, with the same results. A count is of one zone-hour's
-- tickets (csat_sum: at most 5 per ticket), far below 2^32; the reads add them up in UInt64 (sum).
-- The stored rows stay: ClickHouse rewrites the columns of the existing parts in the background (a
-- mutation) and reads the parts it has not rewritten yet with the new types meanwhile.
ALTER TABLE ticket_kpi_hours
    MODIFY COLUMN ticket_count UInt32 CODEC(NONE),
    MODIFY COLUMN instant UInt32 CODEC(NONE),
    MODIFY COLUMN responded UInt32 CODEC(NONE),
    MODIFY COLUMN responses_over_180s UInt32 CODEC(NONE),
    MODIFY COLUMN urgent_responses_over_900s UInt32 CODEC(NONE),
    MODIFY COLUMN peak_responded UInt32 CODEC(NONE),
    MODIFY COLUMN peak_instant UInt32 CODEC(NONE),
    MODIFY COLUMN resolved UInt32 CODEC(NONE),
    MODIFY COLUMN first_contact_resolved UInt32 CODEC(NONE),
    MODIFY COLUMN reopened UInt32 CODEC(NONE),
    MODIFY COLUMN rated UInt32 CODEC(NONE),
    MODIFY COLUMN csat_sum UInt32 CODEC(NONE),
    MODIFY COLUMN bad_reviews UInt32 CODEC(NONE),
    MODIFY COLUMN bot_resolved UInt32 CODEC(NONE),
    MODIFY COLUMN followed_up UInt32 CODEC(NONE);
