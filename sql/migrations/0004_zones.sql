-- Zone reference data (SPEC §4.3). Each upload writes the whole set under a new `version`; the current
-- set is the rows of the highest version, so a zone left out of an upload disappears.
CREATE TABLE IF NOT EXISTS zones
(
    id      String,
    name    String,
    city    String,
    region  String,
    version UInt64
)
ENGINE = MergeTree
ORDER BY (version, id);
