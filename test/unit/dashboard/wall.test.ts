// The wall's pure parts: tile models (dashboard/src/wall/tiles.ts), the comparison window
// (wall/context.ts) and alert wording (lib/alerts.ts).
import { describe, expect, it } from 'vitest'
import { alertDetail, alertPlace, mergeAlerts } from '../../../dashboard/src/lib/alerts.ts'
import { translate } from '../../../dashboard/src/lib/i18n.ts'
import type { MessageKey } from '../../../dashboard/src/lib/messages.ts'
import type { Alert, Kpis, SeriesBody } from '../../../dashboard/src/lib/types.ts'
import { yesterdayWindow } from '../../../dashboard/src/wall/context.ts'
import { hourly, tileModel, WALL_TILES, type TileSpec } from '../../../dashboard/src/wall/tiles.ts'

const zh = (key: MessageKey, params?: Record<string, string | number>) => translate('zh-CN', key, params)
const spec = (kpi: TileSpec['kpi']) => WALL_TILES.find((s) => s.kpi === kpi)!
const kpis = (values: Partial<Kpis>) => values as Kpis
const point = (hour: number, values: Partial<Kpis>) => ({
  from: `2026-11-25T${String(hour).padStart(2, '0')}:00:00.000+08:00`,
  to: `2026-11-25T${String(hour + 1).padStart(2, '0')}:00:00.000+08:00`,
  kpis: kpis(values),
})
const series = (points: SeriesBody['points']): SeriesBody => ({ scope: { level: 'platform' }, window: { from: '', to: '' }, interval: 'hour', points })

describe('wall tiles', () => {
  it('shows the eight headline KPIs of issue 4, in order', () => {
    expect(WALL_TILES.map((s) => s.kpi)).toEqual([
      'tickets', 'complaint_rate', 'instant_response_rate', 'peak_instant_response_rate', 'orders_per_agent', 'csat_avg', 'urgent_sla_breaches', 'coupons_owed_cny',
    ])
  })

  it('shows orders_per_agent as 1:N against the 1:1500 standard, alarming above it', () => {
    const tile = tileModel(spec('orders_per_agent'), { today: kpis({ orders_per_agent: 1657.2 }), yesterday: kpis({ orders_per_agent: 1500 }), series: undefined, locale: 'zh-CN', t: zh })
    expect(tile).toMatchObject({ kpi: 'orders_per_agent', label: '人单比', value: 1657.2, text: '1:1,657', note: '行业标准 1:1,500', alarm: true, changeText: '+10.5%' })
    expect(tile.change?.tone).toBe('bad')
  })

  it('gives rate changes in percentage points', () => {
    const tile = tileModel(spec('instant_response_rate'), { today: kpis({ instant_response_rate: 0.8 }), yesterday: kpis({ instant_response_rate: 0.75 }), series: undefined, locale: 'zh-CN', t: zh })
    expect(tile.text).toBe('80.0%')
    expect(tile.changeText).toBe('+5.00个百分点')
    expect(tile.change?.tone).toBe('good')
    expect(tile.alarm).toBe(false)
  })

  it('shows unknown values and changes as a dash before data arrives', () => {
    const tile = tileModel(spec('peak_instant_response_rate'), { today: undefined, yesterday: undefined, series: undefined, locale: 'en', t: (k, p) => translate('en', k, p) })
    expect(tile).toMatchObject({ value: null, text: '—', change: null, changeText: null, alarm: false, spark: [], note: 'Target ≥ 80%' })
  })

  it('puts each series point in the slot of its business hour', () => {
    const s = series([point(0, { tickets: 3 }), point(2, { tickets: 5 }), point(3, { tickets: null })])
    expect(hourly(s, 'tickets')).toEqual([3, null, 5, null])
    expect(hourly(undefined, 'tickets')).toEqual([])
  })
})

describe('yesterdayWindow', () => {
  it('is yesterday from its business-day start to the same instant 24 h ago', () => {
    const now = Date.UTC(2026, 10, 25, 1, 30) // 09:30 in Shanghai
    expect(yesterdayWindow(now)).toEqual({ from: '2026-11-24', to: '2026-11-24T01:30:00.000Z' })
    // 07:30 in Shanghai on the 25th is still the 24th in UTC; the business day decides.
    expect(yesterdayWindow(Date.UTC(2026, 10, 24, 23, 30)).from).toBe('2026-11-24')
  })
})

describe('alerts', () => {
  const zones = new Map([['sh-pudong', { id: 'sh-pudong', name: '浦东新区', city: '上海', region: '华东' }]])
  const base: Alert = { id: '1', rule: 'escalation_risk', subject: 'T-9', zone: 'sh-pudong', region: '华东', status: 'firing', severity: 'critical', opened_at: '2026-11-25T10:00:00+08:00', resolved_at: null, value: 2, threshold: 1, details: { terms: ['12315', '曝光'] } }

  it('says where an alert is', () => {
    expect(alertPlace(base, zones, zh)).toBe('上海 · 浦东新区')
    expect(alertPlace({ ...base, zone: 'xx-new' }, zones, zh)).toBe('xx-new')
    expect(alertPlace({ ...base, rule: 'agent_order_ratio', subject: 'platform', zone: undefined, region: undefined }, zones, zh)).toBe('全平台')
    expect(alertPlace({ ...base, rule: 'agent_order_ratio', subject: '华北', zone: undefined, region: '华北' }, zones, zh)).toBe('华北')
  })

  it('says what each rule found', () => {
    expect(alertDetail(base, 'zh-CN', zh)).toBe('工单 T-9 提及“12315和曝光”')
    expect(alertDetail({ ...base, rule: 'agent_order_ratio', value: 1657.4, threshold: 1500 }, 'zh-CN', zh)).toBe('人单比 1:1,657，标准 1:1,500')
    expect(alertDetail({ ...base, rule: 'peak_response_rate', value: 0.642, threshold: 0.8 }, 'en', (k, p) => translate('en', k, p))).toContain('64.2%')
    expect(alertDetail({ ...base, rule: 'urgent_unanswered', threshold: 900 }, 'en', (k, p) => translate('en', k, p))).toBe('ticket T-9: no reply after 15m')
    expect(alertDetail({ ...base, rule: 'zone_complaint_streak', first_day: '2026-11-23', value: 1.5, threshold: 1.2 }, 'zh-CN', zh)).toBe('自 2026-11-23 起超标，为平台的 1.50 倍')
  })

  it('merges changes newest first and drops resolved alerts', () => {
    const older = { ...base, id: 'old', opened_at: '2026-11-25T09:00:00+08:00' }
    const merged = mergeAlerts([older, base], [{ ...base, status: 'acknowledged' }, { ...base, id: 'new', opened_at: '2026-11-25T11:00:00+08:00' }])
    expect(merged.map((a) => [a.id, a.status])).toEqual([['new', 'firing'], ['1', 'acknowledged'], ['old', 'firing']])
    expect(mergeAlerts(merged, [{ ...older, status: 'resolved' }]).map((a) => a.id)).toEqual(['new', '1'])
  })
})
