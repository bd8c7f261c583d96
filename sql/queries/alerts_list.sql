-- Alerts, newest first: all of them, only the open ones (firing or acknowledged), one rule, or one id.
-- FINAL folds each alert's versions into its latest (sql/migrations/0005_alerts.sql).
SELECT id, rule, subject, zone, region, status, severity,
       toUnixTimestamp64Milli(opened_at) AS opened_ms,
       if(resolved_at IS NULL, NULL, toUnixTimestamp64Milli(resolved_at)) AS resolved_ms,
       if(first_day IS NULL, NULL, toString(first_day)) AS first_day,
       if(fired_day IS NULL, NULL, toString(fired_day)) AS fired_day,
       if(resolved_day IS NULL, NULL, toString(resolved_day)) AS resolved_day,
       value, threshold, ack_by, ack_note,
       if(ack_at IS NULL, NULL, toUnixTimestamp64Milli(ack_at)) AS ack_ms,
       details
FROM alerts FINAL
WHERE (NOT {open_only:UInt8} OR status != 'resolved')
  AND ({rule:String} = '' OR rule = {rule:String})
  AND ({id:String} = '' OR id = {id:String})
ORDER BY opened_at DESC, id
