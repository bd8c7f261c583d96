// Complaint keywords of a scope and window (SPEC §7 /keywords) with the change against the previous window
// of equal length. A word counts once per ticket however often its text repeats it, so a count reads as
// "tickets that mention it". Texts come from sql/queries/keyword_texts.sql, one per ticket.
import type { ClickHouseClient } from '@clickhouse/client'
import { runQuery, sqlTime } from '../../../sql/queries.ts'
import { ratio, zoneParams } from '../kpi/kpis.ts'
import type { Scope } from '../kpi/scope.ts'
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

export interface KeywordTrend {
  previous: Window
  /** Tickets with a text in the window and in the previous window. */
  tickets: number
  previous_tickets: number
  keywords: Keyword[]
}

interface Counted {
  tickets: number
  words: Map<string, number>
}

/** The JSON body of GET /api/v1/keywords and of the live `keywords` panel. */
export async function keywordsJson(client: ClickHouseClient, scope: Scope, window: Window, limit: number, tz: string) {
  const trend = await keywordTrend(client, scope, window, limit)
  return {
    scope: scope.json,
    window: windowJson(window, tz),
    previous_window: windowJson(trend.previous, tz),
    tickets: trend.tickets,
    previous_tickets: trend.previous_tickets,
    keywords: trend.keywords,
  }
}

export async function keywordTrend(client: ClickHouseClient, scope: Scope, window: Window, limit: number): Promise<KeywordTrend> {
  const previous = { from: window.from - (window.to - window.from), to: window.from }
  const [current, before] = await Promise.all([countWindow(client, scope, window), countWindow(client, scope, previous)])
  const keywords = [...current.words]
    .map(([word, count]) => {
      const prev = before.words.get(word) ?? 0
      return { word, count, previous: prev, change: count - prev, change_ratio: ratio(count - prev, prev) }
    })
    // Most mentioned first; among equals the fastest-growing, then by word so the order is stable.
    .sort((a, b) => b.count - a.count || b.change - a.change || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0))
    .slice(0, limit)
  return { previous, tickets: current.tickets, previous_tickets: before.tickets, keywords }
}

async function countWindow(client: ClickHouseClient, scope: Scope, window: Window): Promise<Counted> {
  const texts = await runQuery<{ text: string; tickets: number }>(client, 'keyword_texts', {
    ...zoneParams(scope),
    from: sqlTime(window.from),
    to: sqlTime(window.to),
  })
  const words = new Map<string, number>()
  let tickets = 0
  // Each distinct text is segmented once and its words counted for every ticket that wrote it.
  for (const { text, tickets: n } of texts) {
    tickets += n
    for (const word of keywordsOf(text)) words.set(word, (words.get(word) ?? 0) + n)
  }
  return { tickets, words }
}
