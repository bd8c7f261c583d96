// Tickets by complaint category for one week against the week before (GET /api/v1/kpis by_category), as
// horizontal bars, biggest category on top. Used by the executive view; colours read on screen and paper.
import type { BarSeriesOption } from 'echarts/charts'
import type { GridComponentOption, TooltipComponentOption } from 'echarts/components'
import type { ComposeOption } from 'echarts/core'
import type { BreakdownRow } from '../lib/types.ts'
import type { ChartTheme } from './theme.ts'
import { PRINTABLE_GRID } from './weekly-trend.ts'

export type CategoryBarsOption = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption>

export interface CategoryCount {
  category: string
  current: number
  previous: number
}

export interface CategoryLabels {
  category: (c: string) => string
  current: string
  previous: string
}

/** The colour of the week before, behind the week shown. */
export const PREVIOUS_COLOR = 'rgba(142, 155, 184, 0.55)'

/** Tickets per category in both weeks, most tickets this week first; a category of either week is kept. */
export function categoryCounts(current: readonly BreakdownRow[], previous: readonly BreakdownRow[]): CategoryCount[] {
  const count = (rows: readonly BreakdownRow[]) => new Map(rows.map((r) => [String(r.category), Number(r.tickets ?? 0)]))
  const now = count(current)
  const before = count(previous)
  const categories = [...new Set([...now.keys(), ...before.keys()])]
  return categories
    .map((category) => ({ category, current: now.get(category) ?? 0, previous: before.get(category) ?? 0 }))
    .sort((a, b) => b.current - a.current || b.previous - a.previous || (a.category < b.category ? -1 : 1))
}

export function categoryBarsOption(counts: readonly CategoryCount[], theme: ChartTheme, color: string, labels: CategoryLabels): CategoryBarsOption {
  const { rem, palette } = theme
  const text = { color: palette.muted, fontSize: 0.75 * rem, fontFamily: theme.font }
  const bar = (name: string, data: number[], barColor: string, label: boolean): BarSeriesOption => ({
    type: 'bar',
    name,
    data,
    itemStyle: { color: barColor, borderRadius: [0, 3, 3, 0] },
    barGap: '10%',
    barCategoryGap: '30%',
    label: { show: label, position: 'right', ...text },
  })
  return {
    animation: false,
    grid: { left: rem * 0.3, right: rem * 2.4, top: rem * 0.3, bottom: rem * 0.2, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', splitNumber: 3, splitLine: { lineStyle: { color: PRINTABLE_GRID } }, axisLabel: text },
    yAxis: {
      type: 'category',
      inverse: true,
      data: counts.map((c) => labels.category(c.category)),
      axisLine: { lineStyle: { color: PRINTABLE_GRID } },
      axisTick: { show: false },
      axisLabel: { ...text, fontSize: 0.8 * rem },
    },
    series: [bar(labels.previous, counts.map((c) => c.previous), PREVIOUS_COLOR, false), bar(labels.current, counts.map((c) => c.current), color, true)],
  }
}
