-- kpi_agents.sql at each of the window ends {ends} (ascending, the last one {to}) at once, for a series of
-- up to a few days (server/src/kpi/kpis.ts, agentsAtEach): one read of the agents' history from the snapshot
-- of the UTC day the first end's 24 h open on (sql/fragments/agent_history.sql), instead of one read per end
-- (about 15 ms each). Per agent its statuses and regions in time order, and at each end: its latest status
-- before it, its latest status before the 24 h before it opened, whether it went online in them, and its
-- latest region. Of two statuses at the same time online is the later, as in kpi_agents.sql.
-- Per scope and end (end_index from 0) as kpi_agents.sql has them; an end at which a scope has no agents
-- has no row.
WITH {ends:Array(DateTime64(3))} AS ends
SELECT scope - 1 AS scope_index, end_number - 1 AS end_index,
       countIf(on_duty[end_number]) AS agents_on_duty,
       countIf(online_24h[end_number]) AS agents_24h
FROM (
    SELECT agent_id,
           arraySort(groupArray((at, status))) AS statuses,
           arraySort(groupArrayIf((region_at, region), region != '')) AS regions,
           arrayMap(e -> arrayLast(s -> s.1 < e, statuses).2 = 'online', ends) AS on_duty,
           arrayMap(e -> arrayLast(s -> s.1 < e - INTERVAL 24 HOUR, statuses).2 = 'online'
                         OR arrayExists(s -> s.2 = 'online' AND s.1 >= e - INTERVAL 24 HOUR AND s.1 < e, statuses), ends) AS online_24h,
           arrayMap(e -> arrayLast(r -> r.1 < e, regions).2, ends) AS region_at_end
    FROM (
        -- include: agent_history
    )
    GROUP BY agent_id
)
ARRAY JOIN range(1, length(ends) + 1) AS end_number
ARRAY JOIN arrayFilter(i -> {scope_all_regions:Array(UInt8)}[i] = 1 OR has({scope_regions:Array(Array(String))}[i], region_at_end[end_number]),
                       range(1, length({scope_all_regions:Array(UInt8)}) + 1)) AS scope
GROUP BY scope, end_number
