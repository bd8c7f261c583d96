// Complaint keywords of a scope and window (SPEC §7 /keywords) with the change against the previous window
// of equal length. A word counts once per ticket however often its text repeats it, so a count reads as
// "tickets that mention it". Ingest stores each ticket's keywords with it, and sql/queries/keyword_counts.sql
// counts those; the texts of tickets stored without them under the current segmenter (older data) come from
// keyword_texts.sql, one per ticket, per zone, and are segmented here.
import type { ClickHouseClient } from '@clickhouse/client'
import { KEYWORDS_KEY, keywordsOf } from '../../../ingest/keywords/segment.ts'
import { runQuery, sqlTime } from '../../../sql/queries.ts'
import { listedZones, ratio, scopeParams } from '../kpi/kpis.ts'
import { inScope, type Scope } from '../kpi/scope.ts'
import { windowJson, type Window } from '../kpi/window.ts'

export interface Keyword {
  word: string
  count: number
  previous: number
  /** count − previous. */
  change: number
  /** change ÷ previous; null when the word is new (previous = 0). */
  change_ratio: number | null
}

interface KeywordTrend {
  /** Tickets with a text in the window and in the previous window. */
  tickets: number
  previous_tickets: number
  keywords: Keyword[]
}

interface Counted {
  tickets: number
  words: Map<string, number>
}

interface ZoneText {
  zone: string
  /** 1 for the window, 0 for the previous one. */
  in_window: number
  text: string
  tickets: number
}

/** A row of keyword_counts.sql: word '' counts the scope's tickets with a text. */
interface StoredCount {
  scope_index: number
  word: string
  count: number
  previous: number
}

/** The JSON body of GET /api/v1/keywords. */
export async function keywordsJson(client: ClickHouseClient, scope: Scope, window: Window, limit: number, tz: string) {
  const [body] = await keywordsJsonFor(client, [scope], window, limit, tz)
  return body!
}

/**
 * The same for several scopes at once, in their order (the live `keywords` panel): one statement counts
 * every scope's stored keywords, and one reads the texts still to segment of every zone they cover.
 */
export async function keywordsJsonFor(client: ClickHouseClient, scopes: readonly Scope[], window: Window, limit: number, tz: string) {
  const previous = { from: window.from - (window.to - window.from), to: window.from }
  const texts = await unsegmentedTexts(client, scopes, window, previous)
  // with texts to add, SQL's top words may not be the top ones any more: it gives every word
  const stored = await storedCounts(client, scopes, window, previous, limit, texts.length > 0)
  const current = texts.filter((t) => t.in_window)
  const before = texts.filter((t) => !t.in_window)
  return scopes.map((scope, i) => {
    const counted = countedOf(stored.filter((r) => r.scope_index === i))
    const trend = keywordTrend(addTexts(counted.current, current, scope), addTexts(counted.before, before, scope), limit)
    return {
      scope: scope.json,
      window: windowJson(window, tz),
      previous_window: windowJson(previous, tz),
      tickets: trend.tickets,
      previous_tickets: trend.previous_tickets,
      keywords: trend.keywords,
    }
  })
}

function keywordTrend(current: Counted, before: Counted, limit: number): KeywordTrend {
  const keywords = [...current.words]
    .map(([word, count]) => {
      const prev = before.words.get(word) ?? 0
      return { word, count, previous: prev, change: count - prev, change_ratio: ratio(count - prev, prev) }
    })
    // Most mentioned first; among equals the fastest-growing, then by word so the order is stable.
    .sort((a, b) => b.count - a.count || b.change - a.change || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0))
    .slice(0, limit)
  return { tickets: current.tickets, previous_tickets: before.tickets, keywords }
}

/** The stored keywords' counts per scope in the window and the previous one (keyword_counts.sql). */
function storedCounts(client: ClickHouseClient, scopes: readonly Scope[], window: Window, previous: Window, limit: number, complete: boolean): Promise<StoredCount[]> {
  return runQuery<StoredCount>(client, 'keyword_counts', {
    ...scopeParams(scopes),
    ...listedZones(scopes),
    from: sqlTime(window.from),
    to: sqlTime(window.to),
    previous_from: sqlTime(previous.from),
    words_key: KEYWORDS_KEY,
    limit,
    complete: complete ? 1 : 0,
  })
}

/** One scope's rows of keyword_counts.sql as the counts of each window. */
function countedOf(rows: readonly StoredCount[]): { current: Counted; before: Counted } {
  const current: Counted = { tickets: 0, words: new Map() }
  const before: Counted = { tickets: 0, words: new Map() }
  for (const r of rows) {
    if (r.word === '') {
      current.tickets = r.count
      before.tickets = r.previous
    } else {
      if (r.count > 0) current.words.set(r.word, r.count)
      if (r.previous > 0) before.words.set(r.word, r.previous)
    }
  }
  return { current, before }
}

/** The texts of both windows' tickets stored without keywords under the current segmenter (keyword_texts.sql). */
function unsegmentedTexts(client: ClickHouseClient, scopes: readonly Scope[], window: Window, previous: Window): Promise<ZoneText[]> {
  return runQuery<ZoneText>(client, 'keyword_texts', {
    ...listedZones(scopes),
    from: sqlTime(window.from),
    to: sqlTime(window.to),
    previous_from: sqlTime(previous.from),
    words_key: KEYWORDS_KEY,
  })
}

/** `counted` with the words of a scope's texts added, each counted for every ticket that wrote its text. */
function addTexts(counted: Counted, texts: readonly ZoneText[], scope: Scope): Counted {
  for (const { zone, text, tickets: n } of texts) {
    if (!inScope(scope, zone)) continue
    counted.tickets += n
    for (const word of rememberedKeywords(text)) counted.words.set(word, (counted.words.get(word) ?? 0) + n)
  }
  return counted
}

// After a change of segmenter the live keyword cloud reads the day's older texts again every pass: the
// keywords of recent distinct texts are kept (the oldest forgotten first) rather than segmented each time.
const REMEMBERED_TEXTS = 50_000
const segmented = new Map<string, ReadonlySet<string>>()

function rememberedKeywords(text: string): ReadonlySet<string> {
  let words = segmented.get(text)
  if (!words) {
    words = keywordsOf(text)
    segmented.set(text, words)
    if (segmented.size > REMEMBERED_TEXTS) segmented.delete(segmented.keys().next().value as string)
  }
  return words
}
