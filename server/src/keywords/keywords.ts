// Complaint keywords of a scope and window (SPEC §7 /keywords) with the change against the previous window
// of equal length. A word counts once per ticket however often its text repeats it, so a count reads as
// "tickets that mention it". Texts come from sql/queries/keyword_texts.sql, one per ticket, per zone.
import type { ClickHouseClient } from '@clickhouse/client'
import { runQuery, sqlTime } from '../../../sql/queries.ts'
import { listedZones, ratio } from '../kpi/kpis.ts'
import { inScope, type Scope } from '../kpi/scope.ts'
import { windowJson, type Window } from '../kpi/window.ts'
import { keywordsOf } from './segment.ts'

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
  text: string
  tickets: number
}

/** The JSON body of GET /api/v1/keywords. */
export async function keywordsJson(client: ClickHouseClient, scope: Scope, window: Window, limit: number, tz: string) {
  const [body] = await keywordsJsonFor(client, [scope], window, limit, tz)
  return body!
}

/**
 * The same for several scopes at once, in their order (the live `keywords` panel): the texts of every zone
 * they cover are read once per window and each distinct text is segmented once.
 */
export async function keywordsJsonFor(client: ClickHouseClient, scopes: readonly Scope[], window: Window, limit: number, tz: string) {
  const previous = { from: window.from - (window.to - window.from), to: window.from }
  const [current, before] = await Promise.all([zoneTexts(client, scopes, window), zoneTexts(client, scopes, previous)])
  return scopes.map((scope) => {
    const trend = keywordTrend(countWords(current, scope), countWords(before, scope), limit)
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

function zoneTexts(client: ClickHouseClient, scopes: readonly Scope[], window: Window): Promise<ZoneText[]> {
  return runQuery<ZoneText>(client, 'keyword_texts', { ...listedZones(scopes), from: sqlTime(window.from), to: sqlTime(window.to) })
}

/** The words of a scope's texts, each counted for every ticket that wrote its text. */
function countWords(texts: readonly ZoneText[], scope: Scope): Counted {
  const words = new Map<string, number>()
  let tickets = 0
  for (const { zone, text, tickets: n } of texts) {
    if (!inScope(scope, zone)) continue
    tickets += n
    for (const word of keywordsOf(text)) words.set(word, (words.get(word) ?? 0) + n)
  }
  return { tickets, words }
}
