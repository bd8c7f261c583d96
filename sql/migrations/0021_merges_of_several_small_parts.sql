-- The tables every write adds a part to (events, event_ids and orders_by_minute take one per group commit,
-- about one a second under a live stream) merge several small parts at a time instead of one at a time.
-- With ClickHouse's heuristic that removes small parts from the right of a merge's range
-- (merge_selector_enable_heuristic_to_remove_small_parts_at_right, on by default), each new part was merged
-- alone into the newest larger one, so the current month's latest data was written again about every
-- second: in the clients bench (a day of simulator events, a 20 events/s stream), 32–40 merges of events
-- in 46 s, each of 2 parts, the larger 1.2 MB. Without it, 7–8 merges of about 6 parts, and the server
-- took 0.39 and 0.37 cores against 0.44 and 0.53 in turn. A read meets a few more small parts, at most
-- about five.
ALTER TABLE events MODIFY SETTING merge_selector_enable_heuristic_to_remove_small_parts_at_right = 0;

ALTER TABLE event_ids MODIFY SETTING merge_selector_enable_heuristic_to_remove_small_parts_at_right = 0;

ALTER TABLE orders_by_minute MODIFY SETTING merge_selector_enable_heuristic_to_remove_small_parts_at_right = 0;
