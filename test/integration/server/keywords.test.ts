// GET /api/v1/keywords against the embedded engine: hand-written complaint texts in two adjacent windows,
// counts and changes compared with substring counts made here (each word once per ticket), and the words
// that must never appear (stop words, single characters, numbers, masked personal data).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDays, businessDay, dayStart } from '../../../server/src/kpi/business-time.ts'
import { keywordsJson, keywordsJsonFor } from '../../../server/src/keywords/keywords.ts'
import { STOP_WORDS } from '../../../ingest/keywords/segment.ts'
import { sqlTime } from '../../../sql/queries.ts'
import { PLATFORM_SCOPE, resolveScope } from '../../../server/src/kpi/scope.ts'
import { auth, getJson, postEvents, removeDataDir, startTestApp, type TestApp } from '../../helpers/app.ts'

const TZ = 'Asia/Shanghai'
const today = businessDay(Date.now(), TZ)
const current = { from: addDays(today, -1), to: today }
const previous = { from: addDays(today, -2), to: addDays(today, -1) }

// Words of the domain dictionary that these texts contain whole; 配送员 twice in one text counts once.
const WORDS = ['配送员', '迟到', '态度差', '生鲜', '包装破损', '退款', '客服', '踢皮球', '12315', '消协', '跑腿', '超时', '骚扰电话']
const TEXTS = [
  '配送员迟到了,配送员态度差!我电话13812345678',
  '生鲜包装破损,要求退款,邮箱zhang123@qq.com',
  '客服一直踢皮球,我要打12315,再不处理就投诉到消协',
  '跑腿超时了35分钟,已经一直没有人处理,身份证号110105199001011234',
  '配送员超时,生鲜都坏了!!!***',
]
/** Only in the text of a ticket's second ticket.created, which must not count. */
const RESENT_ONLY = '冷链'
/** Written only in 华东, so a 华北 principal must never see it. */
const EAST_ONLY = '接到骚扰电话,客服不管'

interface Sent {
  zone: string
  text: string
  window: 'current' | 'previous'
}

let t: TestApp
const sent: Sent[] = []

interface KeywordBody {
  window: { from: string; to: string }
  previous_window: { from: string; to: string }
  tickets: number
  previous_tickets: number
  keywords: Array<{ word: string; count: number; previous: number; change: number; change_ratio: number | null }>
}

function ticketsWith(word: string, window: Sent['window'], inScope: (zone: string) => boolean = () => true): number {
  return sent.filter((s) => s.window === window && inScope(s.zone) && s.text.includes(word)).length
}

beforeAll(async () => {
  t = await startTestApp()
  const zones = ['sh-pudong', 'hz-xihu', 'bj-chaoyang', 'bj-haidian', 'xx-nowhere']
  const events: Array<Record<string, unknown>> = []
  let n = 0
  for (const window of ['current', 'previous'] as const) {
    const start = dayStart(window === 'current' ? current.from : previous.from, TZ)
    // Uneven counts per text and window, so every word has its own count and change.
    TEXTS.forEach((text, i) => {
      const copies = window === 'current' ? 2 + i * 3 : 1 + ((i * 5) % 7)
      for (let c = 0; c < copies; c++) {
        const zone = zones[(c + i) % zones.length] as string
        sent.push({ zone, text, window })
        events.push({ event_id: `k-${n}`, type: 'ticket.created', ts: start + (n % 80_000) * 1000, ticket_id: `kt-${n}`, zone, channel: 'app', category: 'other', text })
        n++
      }
    })
    for (let c = 0; c < (window === 'current' ? 4 : 1); c++) {
      sent.push({ zone: 'sh-pudong', text: EAST_ONLY, window })
      events.push({ event_id: `k-${n}`, type: 'ticket.created', ts: start + 3_600_000 + c, ticket_id: `kt-${n}`, zone: 'sh-pudong', channel: 'phone', category: 'privacy', text: EAST_ONLY })
      n++
    }
  }
  // The same ticket created twice (another event_id, a minute later) is one ticket, with its first text.
  const first = events[0] as Record<string, unknown>
  events.push({ ...first, event_id: 'k-again', ts: (first.ts as number) + 60_000, text: `${RESENT_ONLY}${first.text as string}` })
  await postEvents(t.app, events)
})

afterAll(async () => {
  await t?.close()
  if (t) removeDataDir(t.dataDir)
})

describe('GET /api/v1/keywords', () => {
  it('counts each word once per ticket, against the previous window of equal length', async () => {
    const body = await getJson<KeywordBody>(t.app, `/api/v1/keywords?from=${current.from}&to=${current.to}&limit=500`)
    expect(Date.parse(body.previous_window.from)).toBe(dayStart(previous.from, TZ))
    expect(Date.parse(body.previous_window.to)).toBe(dayStart(current.from, TZ))
    expect(body.tickets).toBe(sent.filter((s) => s.window === 'current').length)
    expect(body.previous_tickets).toBe(sent.filter((s) => s.window === 'previous').length)
    for (const word of WORDS) {
      const k = body.keywords.find((x) => x.word === word)
      const count = ticketsWith(word, 'current')
      const before = ticketsWith(word, 'previous')
      expect(k, word).toEqual({ word, count, previous: before, change: count - before, change_ratio: before === 0 ? null : (count - before) / before })
    }
    const counts = body.keywords.map((k) => k.count)
    expect(counts).toEqual([...counts].sort((a, b) => b - a))
    expect(body.keywords.map((k) => k.word)).not.toContain(RESENT_ONLY)
  })

  it('never returns stop words, single characters, numbers, punctuation or masked fragments', async () => {
    const body = await getJson<KeywordBody>(t.app, `/api/v1/keywords?from=${previous.from}&to=${current.to}&limit=500`)
    expect(body.keywords.length).toBeGreaterThan(WORDS.length)
    for (const { word } of body.keywords) {
      expect(STOP_WORDS.has(word), word).toBe(false)
      expect([...word].length, word).toBeGreaterThan(1)
      expect(word, word).not.toMatch(/[*@.,!！，。\s]/)
      if (word !== '12315') expect(word, word).not.toMatch(/\d/)
    }
    for (const fragment of ['138', '5678', '1234', 'qq', 'com', 'zhang', '1101', '35', '分钟', '已经', '一直']) {
      expect(body.keywords.map((k) => k.word), fragment).not.toContain(fragment)
    }
  })

  it('keeps to the limit, most mentioned first', async () => {
    const body = await getJson<KeywordBody>(t.app, `/api/v1/keywords?from=${current.from}&to=${current.to}&limit=3`)
    const all = await getJson<KeywordBody>(t.app, `/api/v1/keywords?from=${current.from}&to=${current.to}&limit=500`)
    expect(body.keywords).toEqual(all.keywords.slice(0, 3))
  })

  it('shows a regional principal the words of its regions only, and 403 outside them', async () => {
    const north = (zone: string) => zone.startsWith('bj-')
    const body = await getJson<KeywordBody>(t.app, `/api/v1/keywords?from=${current.from}&to=${current.to}&limit=500`, 'regional')
    expect(body.keywords.map((k) => k.word)).not.toContain('骚扰电话')
    for (const word of ['配送员', '客服', '跑腿']) {
      expect(body.keywords.find((k) => k.word === word)?.count, word).toBe(ticketsWith(word, 'current', north))
    }
    const east = await t.app.inject({ method: 'GET', url: '/api/v1/keywords?region=华东', headers: auth('regional') })
    expect(east.statusCode).toBe(403)
    const zone = await getJson<KeywordBody>(t.app, `/api/v1/keywords?zone=sh-pudong&from=${current.from}&to=${current.to}`)
    expect(zone.keywords.find((k) => k.word === '骚扰电话')?.count).toBe(ticketsWith('骚扰电话', 'current', (z) => z === 'sh-pudong'))
  })

  it('gives several scopes at once (the live panel) what each gets alone', async () => {
    const admin = { name: 'test', role: 'admin' as const }
    const scopes = [PLATFORM_SCOPE, ...['华北', '华东'].map((region) => resolveScope({ region }, t.app.zones, admin)), resolveScope({ zone: 'xx-nowhere' }, t.app.zones, admin)]
    const window = { from: dayStart(current.from, TZ), to: dayStart(current.to, TZ) }
    const together = await keywordsJsonFor(t.app.clickhouse, scopes, window, 500, TZ)
    for (const [i, scope] of scopes.entries()) {
      expect(together[i], JSON.stringify(scope.json)).toEqual(await keywordsJson(t.app.clickhouse, scope, window, 500, TZ))
    }
    const north = together[1]!.keywords.find((k) => k.word === '配送员')?.count
    expect(north).toBe(ticketsWith('配送员', 'current', (z) => z.startsWith('bj-')))
    expect(together[0]!.keywords.find((k) => k.word === '配送员')?.count).toBeGreaterThan(north ?? 0)
  })

  it('counts tickets stored without keywords, or by another segmenter, from their texts, the same', async () => {
    // Both windows' tickets again two days earlier, as rows an older version stored: every third one
    // without words (before migration 0015), every third with words of another segmenter, which must not
    // count; the rest with the words stored now.
    const shift = 2 * 86_400_000
    await t.app.clickhouse.command({
      query: `INSERT INTO events
              SELECT * EXCEPT third REPLACE (concat(event_id, '-old') AS event_id, concat(ticket_id, '-old') AS ticket_id,
                                ts - toIntervalMillisecond({shift:UInt64}) AS ts,
                                multiIf(third = 0, [], third = 1, ['过时的词'], words) AS words,
                                multiIf(third = 0, '', third = 1, 'older', words_key) AS words_key)
              FROM (SELECT *, cityHash64(ticket_id) % 3 AS third FROM events
                    WHERE type = 'ticket.created' AND ts >= {from:DateTime64(3)} AND ts < {to:DateTime64(3)})`,
      query_params: { shift, from: sqlTime(dayStart(previous.from, TZ)), to: sqlTime(dayStart(current.to, TZ)) },
    })
    const earlier = { from: addDays(current.from, -2), to: addDays(current.to, -2) }
    const sameWords = (b: KeywordBody) => ({ ...b, window: undefined, previous_window: undefined })
    for (const query of ['limit=500', 'limit=3', 'zone=sh-pudong', 'region=华东']) {
      const now = await getJson<KeywordBody>(t.app, `/api/v1/keywords?from=${current.from}&to=${current.to}&${query}`)
      const old = await getJson<KeywordBody>(t.app, `/api/v1/keywords?from=${earlier.from}&to=${earlier.to}&${query}`)
      expect(old.keywords.length, query).toBeGreaterThan(0)
      expect(sameWords(old), query).toEqual(sameWords(now))
    }
  })

  it('rejects bad parameters with 400 naming the parameter', async () => {
    for (const [query, param] of [['limit=0', 'limit'], ['limit=many', 'limit'], ['limit=501', 'limit'], ['to=soon', 'to']]) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/keywords?${query}`, headers: auth('ops') })
      expect(res.statusCode, query).toBe(400)
      expect(res.json().message, query).toContain(param)
    }
  })
})
