-- The newest audit entries, optionally of one action (GET /api/v1/audit).
SELECT toUnixTimestamp64Milli(at) AS at_ms, actor, action, subject, detail
FROM audit_log
WHERE {action:String} = '' OR action = {action:String}
ORDER BY at DESC
LIMIT {limit:UInt32}
