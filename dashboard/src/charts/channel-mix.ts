// Channel mix: today's tickets by channel (the kpis panel's by_channel) as a ring, in the fixed order of
// CHANNELS so each channel keeps its colour and place as the numbers move.
import type { PieSeriesOption } from 'echarts/charts'
import type { ComposeOption } from 'echarts/core'
import { CHANNELS, type BreakdownRow, type Channel } from '../lib/types.ts'
import type { ChartTheme } from './theme.ts'

export type ChannelMixOption = ComposeOption<PieSeriesOption>

/** Tickets per channel in CHANNELS order; channels with none are 0. */
export function channelCounts(rows: readonly BreakdownRow[]): Array<{ channel: Channel; tickets: number }> {
  const byChannel = new Map(rows.map((r) => [r.channel, Number(r.tickets ?? 0)]))
  return CHANNELS.map((channel) => ({ channel, tickets: byChannel.get(channel) ?? 0 }))
}

export function channelMixOption(rows: readonly BreakdownRow[], theme: ChartTheme, name: (c: Channel) => string, percent: (share: number) => string): ChannelMixOption {
  const { rem, palette } = theme
  const counts = channelCounts(rows)
  const total = counts.reduce((n, c) => n + c.tickets, 0)
  return {
    animationDurationUpdate: 600,
    series: [
      {
        type: 'pie',
        radius: ['48%', '72%'],
        center: ['50%', '52%'],
        startAngle: 90,
        avoidLabelOverlap: true,
        silent: true,
        itemStyle: { borderColor: palette.panel, borderWidth: Math.max(2, rem * 0.15) },
        label: {
          color: palette.text,
          fontFamily: theme.font,
          fontSize: rem * 0.95,
          lineHeight: rem * 1.3,
          formatter: (p: { dataIndex: number }) => {
            const c = counts[p.dataIndex]
            return c ? `{name|${name(c.channel)}}\n{share|${percent(total ? c.tickets / total : 0)}}` : ''
          },
          rich: {
            name: { color: palette.muted, fontSize: rem * 0.85, fontFamily: theme.font },
            share: { color: palette.text, fontSize: rem * 1.25, fontWeight: 700, fontFamily: theme.font },
          },
        },
        labelLine: { length: rem * 0.6, length2: rem * 0.6, lineStyle: { color: palette.faint } },
        data: counts.map((c, i) => ({ name: c.channel, value: c.tickets, itemStyle: { color: palette.series[i] } })),
      },
    ],
  }
}
