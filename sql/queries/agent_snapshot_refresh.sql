-- Every agent's latest status and latest known region before {day}, from every agent.status event before it,
-- with the number of those events (sql/migrations/0011_kpi_rollups.sql).
INSERT INTO agent_status_asof
SELECT {day:DateTime64(3)} AS day, agent_id,
       -- named apart from the columns they fold: an alias would shadow its column here
       max(ts) AS last_status_at, argMax(status, ts) AS last_status,
       maxIf(ts, region != '') AS last_region_at, argMaxIf(region, ts, region != '') AS last_region,
       sum(count()) OVER () AS source_events
FROM events
WHERE type = 'agent.status' AND ts < {day:DateTime64(3)}
GROUP BY agent_id
