// The zone × hour heatmap (GET /api/v1/heatmap and the live `heatmap` panel): hours across, zones down in
// the server's order (grouped by region and city), each zone's name led by a swatch of its risk level
// (SPEC §6). The colour scale tops out at the 95th percentile of today's cells, so one tiny zone's 1-of-3
// hour does not wash every other cell out to the coldest colour.
import type { HeatmapSeriesOption } from 'echarts/charts'
import type { GridComponentOption, VisualMapComponentOption } from 'echarts/components'
import type { ComposeOption } from 'echarts/core'
import type { HeatmapBody, Risk } from '../lib/types.ts'
import type { ChartTheme } from './theme.ts'

/** Risk levels whose zone names are written in their colour. */
const LOUD: readonly Risk[] = ['red', 'orange']

export type HeatmapOption = ComposeOption<HeatmapSeriesOption | GridComponentOption | VisualMapComponentOption>

export interface HeatmapLabels {
  /** An hour of the business day as an axis label, e.g. 8 → "8时". */
  hour: (hour: number) => string
}

/** The value at quantile q (0–1) of the known values, nearest rank; 0 when there are none. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number
}

/** Where the colour scale ends: the 95th percentile, never 0 (an all-zero day still needs a scale). */
export function scaleMax(cells: HeatmapBody['cells']): number {
  const known = cells.map((c) => c[2]).filter((v): v is number => v !== null)
  return quantile(known, 0.95) || Math.max(0, ...known) || 0.01
}

/** Pixels that the longest of these names plus its swatch take at `size` px (CJK glyphs are a full em). */
export function labelRoom(names: readonly string[], size: number): number {
  const width = (name: string) => [...name].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 1 : 0.6), 0)
  return Math.ceil((Math.max(0, ...names.map(width)) + 1.6) * size)
}

export function heatmapOption(body: HeatmapBody, theme: ChartTheme, labels: HeatmapLabels): HeatmapOption {
  const { rem, palette } = theme
  const zones = body.zones ?? []
  const riskOf = new Map(zones.map((z) => [z.id, z.risk]))
  const nameOf = new Map(zones.map((z) => [z.id, z.name]))
  // Rows get thin when there are many zones (a wall's heatmap is about 40 rem tall); the labels shrink with
  // them, but not below what is legible up close.
  const labelSize = Math.max(0.62 * rem, Math.min(0.95 * rem, (36 * rem) / Math.max(body.ys.length, 1)))
  // Per risk level: a swatch, and the name itself in colour when the zone is red or orange, so the zones
  // that need attention read from across the room. Swatches sit next to the grid, in one straight column.
  const rich: Record<string, object> = {}
  for (const risk of Object.keys(palette.risk) as Risk[]) {
    rich[`s_${risk}`] = { backgroundColor: palette.risk[risk], width: labelSize * 0.7, height: labelSize * 0.7, borderRadius: 2 }
    rich[`n_${risk}`] = { color: LOUD.includes(risk) ? palette.risk[risk] : palette.muted, fontWeight: LOUD.includes(risk) ? 700 : 400, fontSize: labelSize, fontFamily: theme.font }
  }
  return {
    animationDurationUpdate: 600,
    // ECharts' containLabel under-measures rich labels and would clip long names, so the room is computed.
    grid: { left: labelRoom(body.ys.map((id) => nameOf.get(String(id)) ?? String(id)), labelSize), right: rem * 0.4, top: rem * 1.6, bottom: rem * 0.2 },
    xAxis: {
      type: 'category',
      data: body.xs.map(String),
      position: 'top',
      axisLine: { show: false },
      axisTick: { show: false },
      axisLabel: { color: palette.muted, fontSize: 0.8 * rem, fontFamily: theme.font, interval: 2, formatter: (v: string) => labels.hour(Number(v)) },
    },
    yAxis: {
      type: 'category',
      data: body.ys.map(String),
      inverse: true,
      axisLine: { show: false },
      axisTick: { show: false },
      axisLabel: {
        // Every zone keeps its label; labelSize already fits the rows.
        interval: 0,
        fontSize: labelSize,
        fontFamily: theme.font,
        color: palette.muted,
        formatter: (id: string) => {
          const risk = riskOf.get(id) ?? 'normal'
          return `{n_${risk}|${nameOf.get(id) ?? id}} {s_${risk}|}`
        },
        rich,
      },
    },
    visualMap: {
      type: 'continuous',
      show: false,
      dimension: 2,
      min: 0,
      max: scaleMax(body.cells),
      inRange: { color: [...palette.heat] },
    },
    series: [
      {
        type: 'heatmap',
        // '-' is ECharts' empty value: hours without orders (or still to come) stay the panel's colour.
        data: body.cells.map(([x, y, v]) => [x, y, v ?? '-']),
        itemStyle: { borderColor: palette.panel, borderWidth: Math.max(1, rem * 0.08), borderRadius: 2 },
        emphasis: { disabled: true },
        progressive: 0,
      },
    ],
  }
}
