// The drill-down's zone × day heatmap (GET /api/v1/heatmap?x=day&y=zone): complaint rate per zone and
// business day, days across, zones down in the server's order, each name led by its risk swatch (SPEC §6).
// Cells inside a zone_complaint_streak run (from its first day until the day it resolved, or the last day
// shown) get an outline in the text colour, which reads against every colour of the heat ramp, so 3-day streaks stand out as bars rather than having to be spotted by colour.
// Daily rates of neighbouring zones sit close together, so the colour scale spans the 5th to the 95th
// percentile of the cells rather than starting at 0, where every cell would be the same hot colour.
import type { HeatmapSeriesOption } from 'echarts/charts'
import type { GridComponentOption, TooltipComponentOption, VisualMapComponentOption } from 'echarts/components'
import type { ComposeOption } from 'echarts/core'
import type { HeatmapBody, Risk } from '../lib/types.ts'
import { labelRoom, quantile, scaleMax } from './heatmap.ts'
import type { ChartTheme } from './theme.ts'

export type ZoneDaysOption = ComposeOption<HeatmapSeriesOption | GridComponentOption | VisualMapComponentOption | TooltipComponentOption>

/** The days of a streak alert (lib/types Alert plus the resolved day, which the API sends for this rule). */
export interface StreakRun {
  zone?: string | undefined
  first_day?: string | undefined
  resolved_day?: string | null | undefined
}

export interface ZoneDaysLabels {
  day: (day: string) => string
  value: (rate: number) => string
  /** The tooltip's note on a cell inside a streak run. */
  streak: string
}

/** Row height in px that keeps a zone's name legible; the panel sizes itself from it. */
export const ROW_PX = 24
/** Cells wide enough for a printed rate, e.g. "0.83%", when there are at most this many days. */
const MAX_LABELLED_DAYS = 16

/** "x,y" of every cell inside a streak run: first_day ≤ day < resolved_day (open runs reach the last day). */
export function streakCells(body: HeatmapBody, runs: readonly StreakRun[]): Set<string> {
  const cells = new Set<string>()
  const days = body.xs.map(String)
  body.ys.map(String).forEach((zone, y) => {
    for (const run of runs) {
      if (run.zone !== zone || !run.first_day) continue
      const first = run.first_day
      const end = run.resolved_day ?? '9999-12-31'
      days.forEach((day, x) => day >= first && day < end && cells.add(`${x},${y}`))
    }
  })
  return cells
}

/** The colour scale's ends: the 5th and 95th percentiles of the known cells (max never below min). */
export function scaleRange(cells: HeatmapBody['cells']): { min: number; max: number } {
  const known = cells.map((c) => c[2]).filter((v): v is number => v !== null)
  const max = scaleMax(cells)
  return { min: Math.min(quantile(known, 0.05), max * 0.99), max }
}

export function zoneDaysOption(body: HeatmapBody, runs: readonly StreakRun[], theme: ChartTheme, labels: ZoneDaysLabels): ZoneDaysOption {
  const { rem, palette } = theme
  const zones = new Map((body.zones ?? []).map((z) => [z.id, z]))
  const inStreak = streakCells(body, runs)
  const size = 0.8 * rem
  const rich: Record<string, object> = { name: { color: palette.muted, fontSize: size, fontFamily: theme.font } }
  for (const risk of Object.keys(palette.risk) as Risk[]) rich[risk] = { backgroundColor: palette.risk[risk], width: size * 0.7, height: size * 0.7, borderRadius: 2 }
  const showValues = body.xs.length <= MAX_LABELLED_DAYS
  return {
    grid: { left: labelRoom(body.ys.map((id) => zones.get(String(id))?.name ?? String(id)), size), right: rem * 0.3, top: rem * 1.5, bottom: rem * 0.2 },
    tooltip: {
      formatter: (p: unknown) => {
        const [x, y, v] = (p as { value: [number, number, number | '-'] }).value
        const zone = zones.get(String(body.ys[y]))
        const note = inStreak.has(`${x},${y}`) ? ` · ${labels.streak}` : ''
        return `${zone?.name ?? String(body.ys[y])} ${labels.day(String(body.xs[x]))}<br/>${v === '-' ? '—' : labels.value(v)}${note}`
      },
    },
    xAxis: {
      type: 'category',
      position: 'top',
      data: body.xs.map(String),
      axisLine: { show: false },
      axisTick: { show: false },
      axisLabel: { color: palette.muted, fontSize: size, fontFamily: theme.font, formatter: (d: string) => labels.day(d) },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: body.ys.map(String),
      axisLine: { show: false },
      axisTick: { show: false },
      axisLabel: { interval: 0, formatter: (id: string) => `{${zones.get(id)?.risk ?? 'normal'}|} {name|${zones.get(id)?.name ?? id}}`, rich },
    },
    visualMap: { type: 'continuous', show: false, dimension: 2, ...scaleRange(body.cells), inRange: { color: [...palette.heat] } },
    series: [
      {
        type: 'heatmap',
        data: body.cells.map(([x, y, v]) => {
          const streak = inStreak.has(`${x},${y}`)
          return { value: [x, y, v ?? '-'], itemStyle: streak ? { borderColor: palette.text, borderWidth: 2.5 } : {} }
        }),
        label: { show: showValues, color: palette.text, fontSize: 0.68 * rem, fontFamily: theme.font, formatter: (p: { value: unknown }) => cellLabel(p.value, labels) },
        itemStyle: { borderColor: palette.panel, borderWidth: 1, borderRadius: 2 },
        emphasis: { itemStyle: { borderColor: palette.text, borderWidth: 1 } },
      },
    ],
  }
}

function cellLabel(value: unknown, labels: ZoneDaysLabels): string {
  const v = (value as [number, number, number | '-'])[2]
  return v === '-' ? '' : labels.value(v)
}
