-- The agents' status and region history kpi_agents.sql and kpi_agents_over.sql read up to {to}: each
-- agent's snapshot before {day} (agent_status_asof, kept current by agent_snapshot_*.sql: its latest status
-- and latest region, each with its time) and its agent.status events since.
SELECT agent_id, status_at AS at, status, region_at, region
FROM agent_status_asof FINAL
WHERE day = {day:DateTime64(3)}
UNION ALL
SELECT agent_id, ts AS at, status, ts AS region_at, region
FROM events
WHERE type = 'agent.status' AND ts >= {day:DateTime64(3)} AND ts < {to:DateTime64(3)}
