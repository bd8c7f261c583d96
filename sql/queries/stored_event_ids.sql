-- Which of a batch's event_ids are stored already (exact de-duplication at ingest, ingest/writer.ts).
SELECT DISTINCT event_id
FROM event_ids
WHERE event_id IN {ids:Array(String)}
