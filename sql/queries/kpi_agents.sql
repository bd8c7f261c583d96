-- Agents for SPEC §5, for one or more scopes at once: on duty = latest agent.status before {to} is online;
-- agents_24h = distinct agents online at any moment in [to - 24 h, to), i.e. online as that period opens or
-- going online inside it. Each agent's history is its snapshot before {day}, the UTC day that period opens
-- on (agent_status_asof, kept current by agent_snapshot_*.sql), and its events since. Scope i counts every
-- agent when scope_all_regions[i] = 1, else the agents whose latest known region is in scope_regions[i]. A
-- scope with no agents has no row.
SELECT scope - 1 AS scope_index,
       countIf(status_at_end = 'online') AS agents_on_duty,
       countIf(status_at_start = 'online' OR went_online) AS agents_24h
FROM (
    SELECT agent_id,
           argMax(status, at) AS status_at_end,
           argMaxIf(status, at, at < {to:DateTime64(3)} - INTERVAL 24 HOUR) AS status_at_start,
           countIf(status = 'online' AND at >= {to:DateTime64(3)} - INTERVAL 24 HOUR) > 0 AS went_online,
           argMaxIf(region, region_at, region != '') AS agent_region
    FROM (
        SELECT agent_id, status_at AS at, status, region_at, region
        FROM agent_status_asof FINAL
        WHERE day = {day:DateTime64(3)}
        UNION ALL
        SELECT agent_id, ts AS at, status, ts AS region_at, region
        FROM events
        WHERE type = 'agent.status' AND ts >= {day:DateTime64(3)} AND ts < {to:DateTime64(3)}
    )
    GROUP BY agent_id
)
ARRAY JOIN arrayFilter(i -> {scope_all_regions:Array(UInt8)}[i] = 1 OR has({scope_regions:Array(Array(String))}[i], agent_region),
                       range(1, length({scope_all_regions:Array(UInt8)}) + 1)) AS scope
GROUP BY scope
