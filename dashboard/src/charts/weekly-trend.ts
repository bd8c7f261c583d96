// One KPI over the last business weeks (GET /api/v1/trends/weekly), for the executive view: a line per
// chart, so each KPI keeps its own scale and unit. The current week has not ended, so its point is hollow
// and joined by a dashed segment: its counts are not comparable with full weeks' yet. Colours are mid-tones
// and grid lines translucent, so the same chart reads on the dark screen and on a white printed page.
import type { LineSeriesOption } from 'echarts/charts'
import type { GridComponentOption, TooltipComponentOption } from 'echarts/components'
import type { ComposeOption } from 'echarts/core'
import type { ChartTheme } from './theme.ts'

export type WeeklyTrendOption = ComposeOption<LineSeriesOption | GridComponentOption | TooltipComponentOption>

export interface TrendPoint {
  /** The week's Monday, YYYY-MM-DD. */
  week: string
  value: number | null
  partial: boolean
}

export interface TrendLabels {
  week: (monday: string) => string
  value: (v: number) => string
}

/** Grid lines that show on a dark panel and on paper alike. */
export const PRINTABLE_GRID = 'rgba(142, 155, 184, 0.22)'

/** The solid line over complete weeks and the dashed tail into the current one, as two series' data. */
export function trendSeries(points: readonly TrendPoint[]): { full: Array<number | '-'>; tail: Array<number | '-'> } {
  const partialAt = points.findIndex((p) => p.partial)
  const full = points.map((p) => (p.partial || p.value === null ? '-' : p.value))
  const tail = points.map((p, i) => (partialAt > 0 && (i === partialAt || i === partialAt - 1) && p.value !== null ? p.value : '-'))
  return { full, tail }
}

export function weeklyTrendOption(points: readonly TrendPoint[], theme: ChartTheme, color: string, labels: TrendLabels): WeeklyTrendOption {
  const { rem, palette } = theme
  const { full, tail } = trendSeries(points)
  const line = { color, width: Math.max(2, rem * 0.14) }
  const axisText = { color: palette.muted, fontSize: 0.72 * rem, fontFamily: theme.font }
  return {
    animation: false,
    grid: { left: rem * 0.4, right: rem * 1.2, top: rem * 0.9, bottom: rem * 0.2, containLabel: true },
    tooltip: { trigger: 'axis', formatter: (params: unknown) => tooltipText(points, params, labels) },
    xAxis: {
      type: 'category',
      boundaryGap: false,
      data: points.map((p) => p.week),
      axisLine: { lineStyle: { color: PRINTABLE_GRID } },
      axisTick: { show: false },
      axisLabel: { ...axisText, formatter: (w: string) => labels.week(w), hideOverlap: true },
    },
    yAxis: {
      type: 'value',
      scale: true,
      splitNumber: 3,
      splitLine: { lineStyle: { color: PRINTABLE_GRID } },
      axisLabel: { ...axisText, formatter: (v: number) => labels.value(v) },
    },
    series: [
      {
        type: 'line',
        data: full,
        lineStyle: line,
        itemStyle: { color },
        symbol: 'circle',
        symbolSize: rem * 0.38,
        connectNulls: false,
        areaStyle: { color: { type: 'linear', x: 0, y: 0, x2: 0, y2: 1, colorStops: [{ offset: 0, color: `${color}40` }, { offset: 1, color: `${color}00` }] } },
      },
      {
        type: 'line',
        data: tail,
        lineStyle: { ...line, type: 'dashed' },
        itemStyle: { color, borderColor: color },
        symbol: 'emptyCircle',
        symbolSize: rem * 0.38,
      },
    ],
  }
}

/** The week under the pointer and its value, once (the dashed tail repeats the last full week's point). */
function tooltipText(points: readonly TrendPoint[], params: unknown, labels: TrendLabels): string {
  const i = (params as Array<{ dataIndex: number }>)[0]?.dataIndex ?? -1
  const p = points[i]
  return p ? `${labels.week(p.week)}<br/>${p.value === null ? '—' : labels.value(p.value)}` : ''
}
