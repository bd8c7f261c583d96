// Upgrading a data directory across 0015 (keywords stored with each ticket): tickets stored before it have
// no words and are segmented at read, tickets written after it carry their words through tickets_mv, and a
// keyword read over both counts each ticket once, as counted here from the texts.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { KEYWORDS_KEY } from '../../../ingest/keywords/segment.ts'
import { validateEvent } from '../../../ingest/validate.ts'
import { EventWriter } from '../../../ingest/writer.ts'
import { keywordsJson } from '../../../server/src/keywords/keywords.ts'
import { PLATFORM_SCOPE } from '../../../server/src/kpi/scope.ts'
import { openStorage, type Storage } from '../../../sql/client.ts'
import { migrate } from '../../../sql/migrate.ts'
import { removeDataDir } from '../../helpers/app.ts'

const TZ = 'Asia/Shanghai'
const now = Date.now()
const window = { from: now - 3_600_000, to: now }
// Domain words each of these texts holds whole.
const WORDS = ['配送员', '迟到', '生鲜', '包装破损', '退款', '客服', '踢皮球']
const TEXTS = ['配送员迟到了', '生鲜包装破损,要求退款', '客服一直踢皮球', '配送员态度差,要求退款']
const dir = mkdtempSync(join(tmpdir(), 'radar-upgrade-'))
let storage: Storage
const texts: string[] = []

function created(n: number): Record<string, unknown> {
  const text = TEXTS[n % TEXTS.length]!
  texts.push(text)
  return { event_id: `u-${n}`, type: 'ticket.created', ts: window.from + 1000 + n, ticket_id: `ut-${n}`, zone: 'sh-pudong', channel: 'app', category: 'other', text }
}

function row(event: Record<string, unknown>) {
  const v = validateEvent(event, now)
  if (!v.ok) throw new Error(v.error)
  return v.row
}

beforeAll(async () => {
  storage = await openStorage({ dataDir: dir })
  await migrate(storage.client, 14)
  // as the 0014 writer stored them: no words
  const before = Array.from({ length: 9 }, (_, n) => {
    const { words: _w, words_key: _k, ...old } = row(created(n))
    return old
  })
  await storage.client.insert({ table: 'events', values: before, format: 'JSONEachRow' })
  expect(await migrate(storage.client, 15)).toEqual(['0015_ticket_words'])
  await new EventWriter(storage.client).write(Array.from({ length: 7 }, (_, n) => row(created(100 + n))))
})

afterAll(async () => {
  await storage?.close()
  removeDataDir(dir)
})

it('keeps the older tickets without words and stores the new ones with theirs', async () => {
  const rs = await storage.client.query({ query: 'SELECT words_key, count() AS n, sum(length(words)) AS words FROM tickets GROUP BY words_key ORDER BY words_key', format: 'JSONEachRow' })
  const byKey = await rs.json<{ words_key: string; n: number; words: number }>()
  expect(byKey.map((r) => [r.words_key, r.n])).toEqual([['', 9], [KEYWORDS_KEY, 7]])
  expect(byKey.find((r) => r.words_key === KEYWORDS_KEY)?.words).toBeGreaterThan(7)
})

it('counts the keywords of tickets from before and after the upgrade alike', async () => {
  const body = await keywordsJson(storage.client, PLATFORM_SCOPE, window, 100, TZ)
  expect(body.tickets).toBe(texts.length)
  for (const word of WORDS) {
    expect(body.keywords.find((k) => k.word === word)?.count, word).toBe(texts.filter((t) => t.includes(word)).length)
  }
})
