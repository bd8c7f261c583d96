// The chart option builders (dashboard/src/charts/*.ts) are pure: data in, ECharts option out, no browser.
import { describe, expect, it } from 'vitest'
import { channelCounts, channelMixOption } from '../../../dashboard/src/charts/channel-mix.ts'
import { heatmapOption, labelRoom, quantile, scaleMax } from '../../../dashboard/src/charts/heatmap.ts'
import { sparkData, sparklineOption } from '../../../dashboard/src/charts/sparkline.ts'
import { chartTheme, PALETTE } from '../../../dashboard/src/charts/theme.ts'
import { isRising, wordCloudOption, wordSize } from '../../../dashboard/src/charts/wordcloud.ts'
import type { HeatmapBody, KeywordsBody } from '../../../dashboard/src/lib/types.ts'

const theme = chartTheme(16)
const window = { from: '2026-11-25T00:00:00.000+08:00', to: '2026-11-25T15:00:00.000+08:00' }

const heatmap: HeatmapBody = {
  metric: 'complaint_rate',
  x: 'hour',
  y: 'zone',
  window,
  xs: [0, 1, 2],
  ys: ['sh-pudong', 'bj-haidian'],
  cells: [
    [0, 0, 0.01],
    [0, 1, null],
    [1, 0, 0.02],
    [1, 1, 0.5],
    [2, 0, 0],
    [2, 1, 0.03],
  ],
  zones: [
    { id: 'sh-pudong', name: '浦东新区', city: '上海', region: '华东', risk: 'normal', risk_ratio: 0.8 },
    { id: 'bj-haidian', name: '海淀区', city: '北京', region: '华北', risk: 'red', risk_ratio: 2.4 },
  ],
}

type Series = { data: unknown[] } & Record<string, unknown>
const firstSeries = (o: { series?: unknown }) => (o.series as Series[])[0] as Series

describe('heatmapOption', () => {
  const option = heatmapOption(heatmap, theme, { hour: (h) => `${h}时` })
  const yAxis = option.yAxis as { data: string[]; axisLabel: { formatter: (id: string) => string; rich: Record<string, Record<string, unknown>> } }

  it('keeps every cell, with empty ones as ECharts empty values', () => {
    expect(firstSeries(option).data).toEqual([[0, 0, 0.01], [0, 1, '-'], [1, 0, 0.02], [1, 1, 0.5], [2, 0, 0], [2, 1, 0.03]])
  })

  it('labels zones by name with a swatch in their risk colour, in the server order, top to bottom', () => {
    expect(yAxis.data).toEqual(['sh-pudong', 'bj-haidian'])
    expect((option.yAxis as { inverse: boolean }).inverse).toBe(true)
    expect(yAxis.axisLabel.formatter('bj-haidian')).toBe('{n_red|海淀区} {s_red|}')
    expect(yAxis.axisLabel.formatter('xx-unknown')).toBe('{n_normal|xx-unknown} {s_normal|}')
    expect(yAxis.axisLabel.rich.s_red?.backgroundColor).toBe(PALETTE.risk.red)
    expect(yAxis.axisLabel.rich.n_red).toMatchObject({ color: PALETTE.risk.red, fontWeight: 700 })
    expect(yAxis.axisLabel.rich.n_normal).toMatchObject({ color: PALETTE.muted })
    expect((option.xAxis as { axisLabel: { formatter: (v: string) => string } }).axisLabel.formatter('2')).toBe('2时')
  })

  it('ends the colour scale at the 95th percentile so one outlier does not flatten the rest', () => {
    const many: HeatmapBody['cells'] = Array.from({ length: 100 }, (_, i) => [i, 0, i === 99 ? 1 : i / 1000])
    expect(scaleMax(many)).toBeCloseTo(0.094)
    expect(quantile([3, 1, 2], 0.5)).toBe(2)
    expect(scaleMax([[0, 0, null], [1, 0, 0]])).toBe(0.01)
    expect((option.visualMap as { max: number }).max).toBe(0.5)
  })

  it('leaves room for the longest zone name and its swatch', () => {
    expect(labelRoom(['浦东新区', '海淀区'], 10)).toBe(56)
    expect(labelRoom(['xx-a'], 10)).toBe(40)
    expect((option.grid as { left: number }).left).toBe(labelRoom(['浦东新区', '海淀区'], (option.yAxis as { axisLabel: { fontSize: number } }).axisLabel.fontSize))
  })

  it('scales its text with the screen', () => {
    const big = heatmapOption(heatmap, chartTheme(32), { hour: String })
    const size = (o: typeof option) => (o.yAxis as { axisLabel: { fontSize: number } }).axisLabel.fontSize
    expect(size(big)).toBeCloseTo(2 * size(option))
  })
})

describe('sparklineOption', () => {
  it('lays values over the day’s hours, gaps for the hours to come, and marks the latest', () => {
    expect(sparkData([1, null, 3], 5)).toEqual([1, '-', 3, '-', '-'])
    const data = firstSeries(sparklineOption([5, 7, 6], theme, '#00ff00', 24)).data
    expect(data).toHaveLength(24)
    expect(data[2]).toMatchObject({ value: 6, symbol: 'circle' })
    expect(data[1]).toBe(7)
    expect(data[3]).toBe('-')
  })

  it('marks nothing when there are no values yet', () => {
    const data = firstSeries(sparklineOption([], theme, '#00ff00')).data
    expect(data.every((v) => v === '-')).toBe(true)
  })
})

describe('wordCloudOption', () => {
  const body: KeywordsBody = {
    window,
    tickets: 100,
    previous_tickets: 50,
    keywords: [
      { word: '配送员', count: 40, previous: 30, change: 10, change_ratio: 0.33 },
      { word: '退款', count: 30, previous: 10, change: 20, change_ratio: 2 },
      { word: '新词', count: 5, previous: 0, change: 5, change_ratio: null },
    ],
  }

  it('judges rising words by their share of tickets, not their raw count', () => {
    // 配送员: 40 % of tickets now, 60 % before: more mentions, smaller share.
    expect(isRising(body.keywords[0]!, body.tickets, body.previous_tickets)).toBe(false)
    expect(isRising(body.keywords[1]!, body.tickets, body.previous_tickets)).toBe(true)
    expect(isRising(body.keywords[2]!, body.tickets, body.previous_tickets)).toBe(true)
    expect(isRising({ ...body.keywords[2]!, count: 1 }, body.tickets, body.previous_tickets)).toBe(false)
  })

  it('sizes words by count and colours rising ones warm', () => {
    const series = wordCloudOption(body, theme).series[0]!
    expect(series.data.map((d) => [d.name, d.value])).toEqual([['配送员', 40], ['退款', 30], ['新词', 5]])
    expect(series.data[1]?.textStyle.color).toBe(PALETTE.bad)
    expect(series.data[0]?.textStyle.color).not.toBe(PALETTE.bad)
    expect(series.rotationRange).toEqual([0, 0])
    expect(series.layoutAnimation).toBe(false)
  })

  it('gives every word a whole-pixel font size within the range, largest for the most mentioned', () => {
    // zrender caches text widths per font string for good: fractional sizes would add fonts on every update.
    const series = wordCloudOption(body, theme).series[0]!
    const sizes = series.data.map((d) => d.textStyle.fontSize)
    expect(sizes.every(Number.isInteger)).toBe(true)
    expect(sizes[0]).toBe(series.sizeRange[1])
    expect(sizes[2]).toBe(series.sizeRange[0])
    expect(sizes[1]).toBeGreaterThan(sizes[2]!)
    expect(sizes[1]).toBeLessThan(sizes[0]!)
  })

  it('maps counts onto the size range linearly, rounding to whole pixels', () => {
    expect(wordSize(5, [5, 40], [14, 51])).toBe(14)
    expect(wordSize(40, [5, 40], [14, 51])).toBe(51)
    expect(wordSize(30, [5, 40], [14, 51])).toBe(Math.round(14 + (25 / 35) * 37))
    expect(wordSize(7, [7, 7], [14, 51])).toBe(33)
  })
})

describe('channelMixOption', () => {
  const rows = [{ channel: 'phone', tickets: 30 }, { channel: 'app', tickets: 70 }]

  it('keeps the channels in a fixed order, with zero for channels without tickets', () => {
    expect(channelCounts(rows)).toEqual([
      { channel: 'app', tickets: 70 },
      { channel: 'phone', tickets: 30 },
      { channel: 'social', tickets: 0 },
      { channel: 'third_party', tickets: 0 },
    ])
  })

  it('labels each slice with its name and share', () => {
    const option = channelMixOption(rows, theme, (c) => c.toUpperCase(), (s) => `${Math.round(s * 100)}%`)
    const series = firstSeries(option) as Series & { label: { formatter: (p: { dataIndex: number }) => string } }
    expect(series.data.map((d) => (d as { value: number }).value)).toEqual([70, 30, 0, 0])
    expect(series.label.formatter({ dataIndex: 1 })).toBe('{name|PHONE}\n{share|30%}')
  })
})
