-- Complaint keywords per scope from the words ingest stored with each ticket under {words_key}
-- (sql/migrations/0015_ticket_words.sql): the tickets created in the window [from, to) and in the previous
-- one [previous_from, from) with a text, one per ticket (its earliest ticket.created, as in kpi_tickets.sql),
-- and per word the tickets of each window that mention it. Per scope, the row with word '' counts the tickets
-- themselves, then the window's words most mentioned first (among equals the fastest-growing, then by word),
-- {limit} of them; with {complete} 1, every word of either window, for a read that adds counts of its own
-- (server/src/keywords/keywords.ts). Scopes as in kpi_tickets.sql: scope i holds a zone when (zone IN scope_zones[i]) !=
-- scope_exclude[i]. The tickets stored under another key are read by keyword_texts.sql.
WITH
    {scope_zones:Array(Array(String))} AS scope_zones,
    {scope_exclude:Array(UInt8)} AS scope_exclude
SELECT scope - 1 AS scope_index, word, countIf(in_window) AS count, countIf(NOT in_window) AS previous
FROM (
    SELECT ticket_id, argMin(words, created_at) AS ticket_words, argMin(zone, created_at) AS ticket_zone,
           argMin(text.size, created_at) > 0 AS has_text, min(created_at) >= {from:DateTime64(3)} AS in_window
    FROM tickets
    WHERE created_at >= {previous_from:DateTime64(3)} AND created_at < {to:DateTime64(3)}
      AND ({any_zone:UInt8} = 1 OR zone IN {listed_zones:Array(String)})
      AND words_key = {words_key:String}
    GROUP BY ticket_id
)
ARRAY JOIN arrayFilter(i -> has(scope_zones[i], ticket_zone) != scope_exclude[i], range(1, length(scope_exclude) + 1)) AS scope
ARRAY JOIN arrayPushFront(ticket_words, '') AS word
WHERE has_text
GROUP BY scope, word
HAVING count > 0 OR word = '' OR {complete:UInt8}
ORDER BY scope_index, word = '' DESC, count DESC, toInt64(count) - toInt64(previous) DESC, word
LIMIT if({complete:UInt8}, 18446744073709551615, {limit:UInt64} + 1) BY scope_index
