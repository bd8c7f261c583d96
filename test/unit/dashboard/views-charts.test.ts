// The laptop views' chart option builders (zone × day heatmap, weekly trend lines, category bars): pure,
// data in and ECharts option out, no browser.
import { describe, expect, it } from 'vitest'
import { categoryBarsOption, categoryCounts, PREVIOUS_COLOR } from '../../../dashboard/src/charts/category-bars.ts'
import { chartTheme, PALETTE } from '../../../dashboard/src/charts/theme.ts'
import { trendSeries, weeklyTrendOption, type TrendPoint } from '../../../dashboard/src/charts/weekly-trend.ts'
import { scaleRange, streakCells, zoneDaysOption } from '../../../dashboard/src/charts/zone-days.ts'
import type { HeatmapBody } from '../../../dashboard/src/lib/types.ts'

const theme = chartTheme(16)
type Series = { data: unknown[] } & Record<string, unknown>
const series = (o: { series?: unknown }) => o.series as Series[]

const days = ['2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22']
const body: HeatmapBody = {
  metric: 'complaint_rate',
  x: 'day',
  y: 'zone',
  window: { from: '2026-11-18T00:00:00.000+08:00', to: '2026-11-22T12:00:00.000+08:00' },
  xs: days,
  ys: ['sh-pudong', 'sh-xuhui'],
  cells: days.flatMap((_, x) => [
    [x, 0, 0.01 + x / 1000] as [number, number, number],
    [x, 1, x === 0 ? null : 0.02] as [number, number, number | null],
  ]),
  zones: [
    { id: 'sh-pudong', name: '浦东新区', city: '上海', region: '华东', risk: 'orange', risk_ratio: 1.6 },
    { id: 'sh-xuhui', name: '徐汇区', city: '上海', region: '华东', risk: 'normal', risk_ratio: 0.9 },
  ],
}
const labels = { day: (d: string) => d.slice(5), value: (v: number) => `${(v * 100).toFixed(2)}%`, streak: '连续超标' }

describe('zoneDaysOption', () => {
  it('outlines the cells of a streak run from its first day up to the day it resolved', () => {
    const resolved = streakCells(body, [{ zone: 'sh-pudong', first_day: '2026-11-19', resolved_day: '2026-11-22' }])
    expect([...resolved].sort()).toEqual(['1,0', '2,0', '3,0'])
  })

  it('runs an open streak to the last day shown, and ignores other zones and runs without days', () => {
    const open = streakCells(body, [{ zone: 'sh-xuhui', first_day: '2026-11-20', resolved_day: null }, { zone: 'bj-haidian', first_day: '2026-11-18' }, { zone: 'sh-pudong' }])
    expect([...open].sort()).toEqual(['2,1', '3,1', '4,1'])
  })

  it('draws those cells with an outline in the text colour and every other cell without', () => {
    const option = zoneDaysOption(body, [{ zone: 'sh-pudong', first_day: '2026-11-21', resolved_day: null }], theme, labels)
    const data = series(option)[0]!.data as Array<{ value: unknown[]; itemStyle: { borderColor?: string } }>
    const outlined = data.filter((d) => d.itemStyle.borderColor === PALETTE.text).map((d) => d.value.slice(0, 2).join(','))
    expect(outlined.sort()).toEqual(['3,0', '4,0'])
    expect(data.find((d) => d.value[0] === 0 && d.value[1] === 1)?.value[2]).toBe('-')
  })

  it('labels days across, zones down with their risk swatch, and prints each rate in its cell', () => {
    const option = zoneDaysOption(body, [], theme, labels)
    const y = option.yAxis as { data: string[]; inverse: boolean; axisLabel: { formatter: (id: string) => string } }
    expect(y.data).toEqual(['sh-pudong', 'sh-xuhui'])
    expect(y.inverse).toBe(true)
    expect(y.axisLabel.formatter('sh-pudong')).toBe('{orange|} {name|浦东新区}')
    expect((option.xAxis as { axisLabel: { formatter: (d: string) => string } }).axisLabel.formatter('2026-11-19')).toBe('11-19')
    const label = series(option)[0]!.label as { show: boolean; formatter: (p: { value: unknown }) => string }
    expect(label.show).toBe(true)
    expect(label.formatter({ value: [0, 0, 0.0125] })).toBe('1.25%')
    expect(label.formatter({ value: [0, 1, '-'] })).toBe('')
  })

  it('spans the colour scale between the 5th and 95th percentiles of the cells', () => {
    const cells: HeatmapBody['cells'] = Array.from({ length: 100 }, (_, i) => [i, 0, 0.005 + i / 10_000])
    const range = scaleRange(cells)
    expect(range.min).toBeCloseTo(0.0054)
    expect(range.max).toBeCloseTo(0.0144)
    const flat = scaleRange([[0, 0, 0.01], [1, 0, 0.01]])
    expect(flat.min).toBeLessThan(flat.max)
  })
})

describe('weeklyTrendOption', () => {
  const points: TrendPoint[] = [
    { week: '2026-11-02', value: 0.01, partial: false },
    { week: '2026-11-09', value: null, partial: false },
    { week: '2026-11-16', value: 0.012, partial: false },
    { week: '2026-11-23', value: 0.011, partial: true },
  ]

  it('draws complete weeks solid and the current week as a dashed tail from the last complete one', () => {
    expect(trendSeries(points)).toEqual({ full: [0.01, '-', 0.012, '-'], tail: ['-', '-', 0.012, 0.011] })
    const [full, tail] = series(weeklyTrendOption(points, theme, '#3b8cff', { week: String, value: String }))
    expect((full!.lineStyle as { type?: string }).type).toBeUndefined()
    expect((tail!.lineStyle as { type: string }).type).toBe('dashed')
    expect(tail!.symbol).toBe('emptyCircle')
  })

  it('has no tail when every week is complete', () => {
    expect(trendSeries(points.slice(0, 3)).tail).toEqual(['-', '-', '-'])
  })

  it('formats axis values and tooltips with the KPI formatter, once per week', () => {
    const option = weeklyTrendOption(points, theme, '#3b8cff', { week: (w) => `W${w.slice(5)}`, value: (v) => `${v * 100}%` })
    expect((option.yAxis as { axisLabel: { formatter: (v: number) => string } }).axisLabel.formatter(0.5)).toBe('50%')
    const tooltip = option.tooltip as { formatter: (p: unknown) => string }
    expect(tooltip.formatter([{ dataIndex: 3 }, { dataIndex: 3 }])).toBe('W11-23<br/>1.0999999999999999%')
    expect(tooltip.formatter([{ dataIndex: 1 }])).toBe('W11-09<br/>—')
  })
})

describe('categoryBarsOption', () => {
  const current = [
    { category: 'delay', tickets: 40 },
    { category: 'damage', tickets: 10 },
  ]
  const previous = [
    { category: 'damage', tickets: 12 },
    { category: 'fee', tickets: 3 },
  ]

  it('counts every category of either week, most tickets in the report week first', () => {
    expect(categoryCounts(current, previous)).toEqual([
      { category: 'delay', current: 40, previous: 0 },
      { category: 'damage', current: 10, previous: 12 },
      { category: 'fee', current: 0, previous: 3 },
    ])
  })

  it('puts the week before behind the report week, named and labelled', () => {
    const option = categoryBarsOption(categoryCounts(current, previous), theme, '#3b8cff', { category: (c) => c.toUpperCase(), current: '本周', previous: '上周' })
    const [before, now] = series(option)
    expect(before).toMatchObject({ name: '上周', data: [0, 12, 3], itemStyle: { color: PREVIOUS_COLOR } })
    expect(now).toMatchObject({ name: '本周', data: [40, 10, 0], itemStyle: { color: '#3b8cff' } })
    expect((option.yAxis as { data: string[] }).data).toEqual(['DELAY', 'DAMAGE', 'FEE'])
  })
})
