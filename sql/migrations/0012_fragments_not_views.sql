-- The shared read definitions move from parameterized views to sql/fragments/, written out in each query that
-- uses them (sql/queries.ts says why: planning). Nothing reads these views any more.
DROP VIEW IF EXISTS ticket_parts_in_window;

DROP VIEW IF EXISTS ticket_kpi_parts;

DROP VIEW IF EXISTS orders_in_window;

-- The stored partials name the text of their definition (settings_key), which moved: every zone-hour is
-- computed again under the new key, and rows under the old one would never be read.
TRUNCATE TABLE IF EXISTS ticket_kpi_hours;

-- The per-ticket tables of 0002 and 0008/0009, which ticket_summary (0010) replaced: nothing fills or reads
-- them any more.
DROP TABLE IF EXISTS ticket_state;

DROP TABLE IF EXISTS ticket_lifecycle;
