-- Whether the agent snapshot of {day} (sql/migrations/0011_kpi_rollups.sql) is missing or older than the
-- agent.status events before that day: 1 when agent_snapshot_refresh.sql has to compute it.
SELECT (SELECT count() FROM events WHERE type = 'agent.status' AND ts < {day:DateTime64(3)})
       != (SELECT max(source_events) FROM agent_status_asof WHERE day = {day:DateTime64(3)}) AS due
