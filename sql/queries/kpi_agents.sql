-- Agents for SPEC §5, for one or more scopes at once: on duty = latest agent.status before {to} is online;
-- agents_24h = distinct agents online at any moment in [to - 24 h, to), i.e. online as that period opens or
-- going online inside it. Each agent's history is its snapshot before {day}, the UTC day that period opens
-- on, and its events since (sql/fragments/agent_history.sql). Of two statuses at the same time, online is
-- the later, as in kpi_agents_over.sql, which a series reads. Scope i counts every agent when
-- scope_all_regions[i] = 1, else the agents whose latest known region is in scope_regions[i]. A scope with
-- no agents has no row.
SELECT scope - 1 AS scope_index,
       countIf(status_at_end = 'online') AS agents_on_duty,
       countIf(status_at_start = 'online' OR went_online) AS agents_24h
FROM (
    SELECT agent_id,
           argMax(status, order_key) AS status_at_end,
           argMaxIf(status, order_key, at < {to:DateTime64(3)} - INTERVAL 24 HOUR) AS status_at_start,
           countIf(status = 'online' AND at >= {to:DateTime64(3)} - INTERVAL 24 HOUR) > 0 AS went_online,
           argMaxIf(region, region_at, region != '') AS agent_region
    FROM (
        -- in time order, online after offline at the same time
        SELECT *, toUnixTimestamp64Milli(at) * 2 + (status = 'online') AS order_key
        FROM (
            -- include: agent_history
        )
    )
    GROUP BY agent_id
)
ARRAY JOIN arrayFilter(i -> {scope_all_regions:Array(UInt8)}[i] = 1 OR has({scope_regions:Array(Array(String))}[i], agent_region),
                       range(1, length({scope_all_regions:Array(UInt8)}) + 1)) AS scope
GROUP BY scope
