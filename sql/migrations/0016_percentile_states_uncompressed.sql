-- The stored percentile states of ticket_kpi_hours (frt, ttr: every response and resolution time of a
-- zone-hour) kept uncompressed. A KPI read of a week merges about 3.4 M of these values at 10 M tickets
-- (the scope and SPEC's two breakdowns), and LZ4's decompression was 10–15 ms of its 110–120 ms: on copies
-- of the same rows, the 7-day kpi_tickets took p50 112 ms with LZ4 and 102 ms without. The values are
-- durations in milliseconds, which LZ4 kept at 0.6 of their size; the table is derived data, and at 10 M
-- tickets the two columns take 625 MiB instead of 367 MiB (the table 820 instead of 530 MiB).
-- Only the codec changes: parts written from now on are uncompressed, older ones as they are merged.
ALTER TABLE ticket_kpi_hours
    MODIFY COLUMN frt CODEC(NONE),
    MODIFY COLUMN ttr CODEC(NONE);
