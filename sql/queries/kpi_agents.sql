-- Agents for SPEC §5: on duty = latest agent.status before {to} is online; agents_24h = distinct agents
-- online at any moment in [to - 24 h, to), i.e. online as that period opens or going online inside it.
-- A region scope counts the agents whose latest known region is in {regions}; other scopes count all.
SELECT
    countIf(status_at_end = 'online') AS agents_on_duty,
    countIf(status_at_start = 'online' OR went_online) AS agents_24h
FROM (
    SELECT agent_id,
           argMax(status, ts) AS status_at_end,
           argMaxIf(status, ts, ts < {to:DateTime64(3)} - INTERVAL 24 HOUR) AS status_at_start,
           countIf(status = 'online' AND ts >= {to:DateTime64(3)} - INTERVAL 24 HOUR) > 0 AS went_online,
           argMaxIf(region, ts, region != '') AS region
    FROM events
    WHERE type = 'agent.status' AND ts < {to:DateTime64(3)}
    GROUP BY agent_id
)
WHERE {all_regions:UInt8} OR region IN {regions:Array(String)}
