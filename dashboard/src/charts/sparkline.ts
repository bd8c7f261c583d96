// A KPI tile's sparkline: one value per slot (the hours of the business day), no axes, the latest point
// marked. Empty slots (hours still to come, rates with no tickets) are gaps, so the line shows how far
// the day has got.
import type { LineSeriesOption } from 'echarts/charts'
import type { GridComponentOption } from 'echarts/components'
import type { ComposeOption } from 'echarts/core'
import type { ChartTheme } from './theme.ts'

export type SparklineOption = ComposeOption<LineSeriesOption | GridComponentOption>

/** The values laid over `slots` slots: missing and trailing slots are gaps ('-' in ECharts). */
export function sparkData(values: ReadonlyArray<number | null>, slots: number): Array<number | '-'> {
  return Array.from({ length: slots }, (_, i) => values[i] ?? '-')
}

export function sparklineOption(values: ReadonlyArray<number | null>, theme: ChartTheme, color: string, slots = 24): SparklineOption {
  const data = sparkData(values, slots)
  const last = data.reduce<number>((at, v, i) => (v === '-' ? at : i), -1)
  return {
    animationDurationUpdate: 600,
    grid: { left: theme.rem * 0.3, right: theme.rem * 0.3, top: theme.rem * 0.3, bottom: theme.rem * 0.15 },
    xAxis: { type: 'category', show: false, boundaryGap: false, data: data.map((_, i) => String(i)) },
    yAxis: { type: 'value', show: false, scale: true },
    series: [
      {
        type: 'line',
        data: data.map((v, i) => (i === last ? { value: v, symbol: 'circle', symbolSize: theme.rem * 0.45 } : v)),
        symbol: 'none',
        smooth: 0.3,
        connectNulls: false,
        lineStyle: { color, width: Math.max(1.5, theme.rem * 0.13) },
        itemStyle: { color },
        areaStyle: {
          color: { type: 'linear', x: 0, y: 0, x2: 0, y2: 1, colorStops: [{ offset: 0, color: `${color}55` }, { offset: 1, color: `${color}00` }] },
        },
        emphasis: { disabled: true },
        silent: true,
      },
    ],
  }
}
