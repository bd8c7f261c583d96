-- Complaint keywords per scope from the words ingest stored with each ticket under {words_key}
-- (sql/migrations/0015_ticket_words.sql): the tickets created in the window [from, to) and in the previous
-- one [previous_from, from) with a text, one per ticket (its earliest ticket.created, as in kpi_tickets.sql),
-- and per word the tickets of each window that mention it. Per scope, the row with word '' counts the tickets
-- themselves, then the window's words most mentioned first (among equals the fastest-growing, then by word),
-- {limit} of them; with {complete} 1, every word of either window, for a read that adds counts of its own
-- (server/src/keywords/keywords.ts). Scopes as in kpi_tickets.sql: scope i holds a zone when
-- (zone IN scope_zones[i]) != scope_exclude[i]. The tickets stored under another key are read by
-- keyword_texts.sql.
-- Almost every ticket has one ticket.created, and its row is the ticket: those rows are counted as they are,
-- and only the tickets created more than once (re-sent under another event_id) are grouped to their
-- earliest creation. Grouping every ticket, carrying its words, took 2.4 s for a region's 30 days at 10 M
-- tickets; counting the rows 0.3 s. Two tickets whose ids share a hash both take the grouped path.
-- The (scope, word) pairs are counted under one string key, the scope's number as two bytes before the word
-- (a read asks for one scope, or the live hub for the platform and each region: far below 65,536):
-- ClickHouse groups rows by one string several times faster than by a number and a string, or a zone and a
-- string (the 4 M word rows of a region's 30 days and the 30 before at 10 M tickets: 140 ms by the word
-- alone, 520–630 ms by two keys); the whole read took 640 against 885 ms (5 runs in turn), with the same rows.
WITH
    {scope_zones:Array(Array(String))} AS scope_zones,
    {scope_exclude:Array(UInt8)} AS scope_exclude,
    created AS (
        SELECT ticket_id, cityHash64(ticket_id) AS ticket_hash, created_at, zone, words, text.size > 0 AS has_text
        FROM tickets
        WHERE created_at >= {previous_from:DateTime64(3)} AND created_at < {to:DateTime64(3)}
          AND ({any_zone:UInt8} = 1 OR zone IN {listed_zones:Array(String)})
          AND words_key = {words_key:String}
    ),
    repeated AS (SELECT ticket_hash FROM created GROUP BY ticket_hash HAVING count() > 1)
SELECT reinterpretAsUInt16(substring(scope_word, 1, 2)) AS scope_index, substring(scope_word, 3) AS word, count, previous
FROM (
    SELECT concat(reinterpretAsFixedString(toUInt16(scope)), word) AS scope_word, countIf(in_window) AS count, countIf(NOT in_window) AS previous
    FROM (
        SELECT zone, created_at >= {from:DateTime64(3)} AS in_window, words
        FROM created
        WHERE has_text AND ticket_hash NOT IN repeated
        UNION ALL
        SELECT first_zone, in_window, first_words
        FROM (
            SELECT argMin(words, created_at) AS first_words, argMin(zone, created_at) AS first_zone,
                   argMin(has_text, created_at) AS first_has_text, min(created_at) >= {from:DateTime64(3)} AS in_window
            FROM created
            WHERE ticket_hash IN repeated
            GROUP BY ticket_id
        )
        WHERE first_has_text
    )
    -- scope_index from 0
    ARRAY JOIN arrayFilter(i -> has(scope_zones[i + 1], zone) != scope_exclude[i + 1], range(length(scope_exclude))) AS scope
    ARRAY JOIN arrayPushFront(words, '') AS word
    GROUP BY scope_word
)
WHERE count > 0 OR word = '' OR {complete:UInt8}
ORDER BY scope_index, word = '' DESC, count DESC, toInt64(count) - toInt64(previous) DESC, word
LIMIT if({complete:UInt8}, 18446744073709551615, {limit:UInt64} + 1) BY scope_index
