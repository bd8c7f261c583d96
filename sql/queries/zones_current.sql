-- The current zone set: the rows of the latest upload (sql/migrations/0004_zones.sql).
SELECT id, name, city, region
FROM zones
WHERE version = (SELECT max(version) FROM zones)
ORDER BY region, city, id
