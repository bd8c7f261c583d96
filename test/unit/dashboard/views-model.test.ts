// The laptop views' pure models: the drill-down's place, range and table order; the weekly view's cells,
// report week, CSV and rising keywords; and the words they need in both locales.
import { describe, expect, it } from 'vitest'
import { CATEGORIES } from '../../../ingest/events.ts'
import { TICKET_STATUSES } from '../../../server/src/kpi/ticket-status.ts'
import { translate } from '../../../dashboard/src/lib/i18n.ts'
import { KPI_NAMES } from '../../../dashboard/src/lib/kpis.ts'
import { MESSAGES } from '../../../dashboard/src/lib/messages.ts'
import type { Alert, KeywordsBody, Kpis, Zone } from '../../../dashboard/src/lib/types.ts'
import { alertAt, childPlace, childQuery, crumbs, scopeQuery, startPlace } from '../../../dashboard/src/region/place.ts'
import { heatmapWindow, rangeWindow, validCustom } from '../../../dashboard/src/region/range.ts'
import { nextSort, sortRows, type DrillRow } from '../../../dashboard/src/region/table.ts'
import { csvField, csvText, weeklyCsvRows } from '../../../dashboard/src/weekly/csv.ts'
import { risingWords, scopeLabel } from '../../../dashboard/src/weekly/load.ts'
import { focusWeek, lastDay, weekBefore, weekCell, type WeekRow } from '../../../dashboard/src/weekly/trends.ts'

const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate('zh-CN', key, params)
// 2026-11-25 15:00 in Asia/Shanghai.
const NOW = Date.parse('2026-11-25T07:00:00Z')
const kpis = (over: Partial<Kpis>): Kpis => ({ ...(Object.fromEntries(KPI_NAMES.map((k) => [k, null])) as Kpis), ...over })

describe('the drill-down place', () => {
  it('asks for the scope, level and parent of each place', () => {
    expect([scopeQuery({}), childQuery({})]).toEqual([{}, { level: 'region' }])
    expect([scopeQuery({ region: '华东' }), childQuery({ region: '华东' })]).toEqual([{ region: '华东' }, { level: 'city', parent: '华东' }])
    expect(childQuery({ region: '华东', city: '上海' })).toEqual({ level: 'zone', parent: '上海' })
    expect([scopeQuery({ region: '华东', city: '上海', zone: 'sh-pudong' }), childQuery({ region: '华东', city: '上海', zone: 'sh-pudong' })]).toEqual([{ zone: 'sh-pudong' }, undefined])
    expect(childPlace({ region: '华东' }, '上海')).toEqual({ region: '华东', city: '上海' })
    expect(childPlace({}, '华北')).toEqual({ region: '华北' })
  })

  it('starts a lead of one region on it, and has no top crumb for them', () => {
    const lead = { name: 'lead', role: 'regional' as const, regions: ['华东'] }
    expect(startPlace(lead)).toEqual({ region: '华东' })
    expect(startPlace({ name: 'ops', role: 'ops', regions: null })).toBeUndefined()
    expect(crumbs({ region: '华东', city: '上海', zone: 'sh-pudong' }, lead, '浦东新区', t)).toEqual([
      { label: '华东', path: '/region/%E5%8D%8E%E4%B8%9C' },
      { label: '上海', path: '/region/%E5%8D%8E%E4%B8%9C/%E4%B8%8A%E6%B5%B7' },
      { label: '浦东新区' },
    ])
    expect(crumbs({ region: '华北' }, null, undefined, t)).toEqual([{ label: '全平台', path: '/region' }, { label: '华北' }])
  })

  it('keeps the alerts that belong to the place', () => {
    const zones = new Map<string, Zone>([['sh-pudong', { id: 'sh-pudong', name: '浦东新区', city: '上海', region: '华东' }]])
    const alert = (over: Partial<Alert>) => ({ id: 'a', rule: 'escalation_risk', subject: 's', status: 'firing', severity: 'critical', opened_at: '', resolved_at: null, value: 0, threshold: 0, ...over }) as Alert
    const zoneAlert = alert({ zone: 'sh-pudong', region: '华东' })
    const regionAlert = alert({ rule: 'agent_order_ratio', region: '华东' })
    expect([zoneAlert, regionAlert].map((a) => alertAt(a, {}, zones))).toEqual([true, true])
    expect([zoneAlert, regionAlert].map((a) => alertAt(a, { region: '华东' }, zones))).toEqual([true, true])
    expect([zoneAlert, regionAlert].map((a) => alertAt(a, { region: '华东', city: '上海' }, zones))).toEqual([true, false])
    expect([zoneAlert, regionAlert].map((a) => alertAt(a, { region: '华北' }, zones))).toEqual([false, false])
    expect(alertAt(zoneAlert, { region: '华东', city: '上海', zone: 'sh-xuhui' }, zones)).toBe(false)
  })
})

describe('the drill-down range', () => {
  it('turns presets and custom spans into whole business days', () => {
    expect(rangeWindow({ kind: 'today' }, NOW)).toEqual({ from: '2026-11-25' })
    expect(rangeWindow({ kind: '7d' }, NOW)).toEqual({ from: '2026-11-19' })
    expect(rangeWindow({ kind: '30d' }, NOW)).toEqual({ from: '2026-10-27' })
    expect(rangeWindow({ kind: 'custom', from: '2026-11-01', to: '2026-11-03' }, NOW)).toEqual({ from: '2026-11-01', to: '2026-11-04' })
  })

  it('widens the heatmap to 14 days so a 3-day streak has normal days around it', () => {
    expect(heatmapWindow({ kind: 'today' }, NOW)).toEqual({ from: '2026-11-12' })
    expect(heatmapWindow({ kind: '30d' }, NOW)).toEqual({ from: '2026-10-27' })
    expect(heatmapWindow({ kind: 'custom', from: '2026-11-01', to: '2026-11-03' }, NOW)).toEqual({ from: '2026-10-21', to: '2026-11-04' })
  })

  it('accepts custom spans that are ordered, not in the future and under 400 days', () => {
    expect(validCustom('2026-11-01', '2026-11-25', NOW)).toBe(true)
    expect(validCustom('2026-11-03', '2026-11-01', NOW)).toBe(false)
    expect(validCustom('2026-11-01', '2026-11-26', NOW)).toBe(false)
    expect(validCustom('2025-01-01', '2026-11-25', NOW)).toBe(false)
    expect(validCustom('', '2026-11-25', NOW)).toBe(false)
  })
})

describe('the drill-down table', () => {
  const row = (id: string, risk: DrillRow['risk'], rate: number | null, alerts = 0): DrillRow => ({ id, name: id, scope: { level: 'city' }, kpis: kpis({ complaint_rate: rate }), risk, open_alerts: alerts })
  const rows = [row('北京', 'blue', 0.02), row('上海', 'red', null, 3), row('杭州', 'normal', 0.01, 1), row('南京', 'red', 0.03)]

  it('puts red first by default, keeping the server order among equals', () => {
    expect(sortRows(rows, { key: 'risk', dir: 'asc' }).map((r) => r.id)).toEqual(['上海', '南京', '北京', '杭州'])
  })

  it('sorts numbers either way with unknown values last both times', () => {
    expect(sortRows(rows, { key: 'complaint_rate', dir: 'desc' }).map((r) => r.id)).toEqual(['南京', '北京', '杭州', '上海'])
    expect(sortRows(rows, { key: 'complaint_rate', dir: 'asc' }).map((r) => r.id)).toEqual(['杭州', '北京', '南京', '上海'])
    expect(sortRows(rows, { key: 'open_alerts', dir: 'desc' }).map((r) => r.id)).toEqual(['上海', '杭州', '北京', '南京'])
  })

  it('flips a column on a second click and starts numbers largest first', () => {
    expect(nextSort({ key: 'risk', dir: 'asc' }, 'risk')).toEqual({ key: 'risk', dir: 'desc' })
    expect(nextSort({ key: 'risk', dir: 'asc' }, 'tickets')).toEqual({ key: 'tickets', dir: 'desc' })
    expect(nextSort({ key: 'tickets', dir: 'desc' }, 'name')).toEqual({ key: 'name', dir: 'asc' })
  })
})

const week = (monday: string, to: string, partial: boolean, values: Partial<Kpis>, wow: Partial<Kpis>): WeekRow => ({
  week: monday,
  window: { from: `${monday}T00:00:00.000+08:00`, to },
  partial,
  kpis: kpis(values),
  wow: kpis(wow),
})
const weeks = [
  week('2026-11-09', '2026-11-16T00:00:00.000+08:00', false, { tickets: 100, complaint_rate: 0.01, csat_avg: 4.1 }, {}),
  week('2026-11-16', '2026-11-23T00:00:00.000+08:00', false, { tickets: 120, complaint_rate: 0.012, csat_avg: 4.3, compensation_cny: 50 }, { tickets: 20, complaint_rate: 0.002, csat_avg: 0.2 }),
  week('2026-11-23', '2026-11-25T15:00:00.000+08:00', true, { tickets: 30, complaint_rate: 0.011, csat_avg: 4.0 }, { tickets: -90, complaint_rate: -0.001, csat_avg: -0.3 }),
]

describe('the weekly model', () => {
  it('knows which direction is good: complaint rate up is bad, CSAT up is good, tickets up is bad', () => {
    const [tickets, rate, csat] = (['tickets', 'complaint_rate', 'csat_avg'] as const).map((k) => weekCell(weeks[1]!, k, 'zh-CN', t))
    expect(rate).toMatchObject({ value: 0.012, text: '1.20%', change: { value: 0.002, tone: 'bad' }, changeText: '+0.20个百分点' })
    expect(csat).toMatchObject({ change: { tone: 'good' }, changeText: '+0.20' })
    expect(tickets).toMatchObject({ change: { value: 0.2, relative: true, tone: 'bad' }, changeText: '+20.0%' })
  })

  it('gives the current, partial week a change only for rates and scores', () => {
    expect(weekCell(weeks[2]!, 'tickets', 'zh-CN', t).change).toBeNull()
    expect(weekCell(weeks[2]!, 'complaint_rate', 'zh-CN', t).change?.tone).toBe('good')
    expect(weekCell(weeks[0]!, 'complaint_rate', 'zh-CN', t).change).toBeNull()
  })

  it('reports on the newest complete week, against the one before', () => {
    expect(focusWeek(weeks)?.week).toBe('2026-11-16')
    expect(weekBefore(weeks, weeks[1]!)?.week).toBe('2026-11-09')
    expect(weekBefore(weeks, weeks[0]!)).toBeUndefined()
    expect([lastDay(weeks[1]!), lastDay(weeks[2]!)]).toEqual(['2026-11-22', '2026-11-25'])
  })

  it('lists the words that rose most, biggest rise first', () => {
    const body: KeywordsBody = {
      window: { from: '', to: '' },
      tickets: 10,
      previous_tickets: 10,
      keywords: [
        { word: '配送员', count: 9, previous: 8, change: 1, change_ratio: 0.125 },
        { word: '退款', count: 5, previous: 1, change: 4, change_ratio: 4 },
        { word: '客服', count: 3, previous: 6, change: -3, change_ratio: -0.5 },
        { word: '赔偿', count: 6, previous: 2, change: 4, change_ratio: 2 },
      ],
    }
    expect(risingWords(body).map((k) => k.word)).toEqual(['赔偿', '退款', '配送员'])
    expect(risingWords(undefined)).toEqual([])
  })

  it('names the scope of the report', () => {
    expect(scopeLabel({ level: 'platform' }, t)).toBe('全平台')
    expect(scopeLabel({ level: 'regions', regions: ['华东', '华北'] }, t)).toBe('华东、华北')
    expect(scopeLabel({ level: 'zone', zone: 'sh-pudong', name: '浦东新区' }, t)).toBe('浦东新区')
  })
})

describe('the weekly CSV', () => {
  it('quotes only what needs quoting, doubling quotes', () => {
    expect(['a', 'a,b', 'say "hi"', 'two\nlines'].map(csvField)).toEqual(['a', '"a,b"', '"say ""hi"""', '"two\nlines"'])
  })

  it('starts with a byte-order mark so Excel reads UTF-8, and ends lines with CRLF', () => {
    const text = csvText([['周', '投诉率'], ['2026-11-16', '1.2']])
    expect(text.charCodeAt(0)).toBe(0xfeff)
    expect(text.slice(1)).toBe('周,投诉率\r\n2026-11-16,1.2\r\n')
  })

  it('has a header and one line per week with values and changes in their units', () => {
    const rows = weeklyCsvRows(weeks, (k) => t(k === 'tickets' ? 'views.tickets' : `kpi.${k}`), t)
    expect(rows).toHaveLength(4)
    expect(rows[0]!.slice(0, 8)).toEqual(['周', '开始日期', '结束日期', '完整周', '投诉工单', '投诉工单 环比', '投诉率 (%)', '投诉率 环比 (百分点)'])
    expect(rows[2]!.slice(0, 8)).toEqual(['2026-11-16', '2026-11-16', '2026-11-22', '是', '120', '20', '1.2', '0.2'])
    expect(rows[3]![3]).toBe('否')
    const compensation = rows[0]!.indexOf('赔付金额 (元)')
    expect(rows[2]![compensation]).toBe('50')
    expect(rows[1]![compensation]).toBe('')
  })
})

describe('the views’ words', () => {
  it('name every complaint category, ticket status and role in both locales', () => {
    const keys = [...CATEGORIES.map((c) => `category.${c}`), ...TICKET_STATUSES.map((s) => `views.tickets.status.${s}`), ...['admin', 'ops', 'regional', 'executive', 'wall'].map((r) => `role.${r}`)]
    for (const k of keys) expect(MESSAGES, k).toHaveProperty([k])
  })
})
