// The keyword cloud (GET /api/v1/keywords and the live `keywords` panel): size by how many tickets mention a
// word, warm colours for words whose share of tickets grew against the previous window. Share rather than
// count, because the previous window of "today so far" is last night, which has far fewer tickets.
// Words stay horizontal: rotated Chinese is hard to read from across a room.
import type { Keyword, KeywordsBody } from '../lib/types.ts'
import type { ChartTheme } from './theme.ts'

/** echarts-wordcloud's series (its own typings augment echarts' internal module, which we do not import). */
export interface WordCloudOption {
  [option: string]: unknown
  series: Array<{
    type: 'wordCloud'
    shape: string
    left: string
    top: string
    width: string
    height: string
    sizeRange: [number, number]
    rotationRange: [number, number]
    gridSize: number
    drawOutOfBound: boolean
    layoutAnimation: boolean
    textStyle: { fontFamily: string; fontWeight: string | number }
    data: Array<{ name: string; value: number; textStyle: { color: string; fontWeight: number } }>
  }>
}

/** A word is rising when its share of tickets grew by this factor, or it is new with at least MIN_NEW mentions. */
export const RISING = 1.3
const MIN_NEW = 3

export function isRising(k: Keyword, tickets: number, previousTickets: number): boolean {
  if (k.previous === 0) return k.count >= MIN_NEW
  if (tickets === 0 || previousTickets === 0) return false
  return k.count / tickets >= (RISING * k.previous) / previousTickets
}

export function wordCloudOption(body: KeywordsBody, theme: ChartTheme): WordCloudOption {
  const { rem, palette } = theme
  const calm = [palette.text, palette.muted, '#b9c6e4', palette.series[0], palette.accent]
  const data = body.keywords.map((k, rank) => ({
    name: k.word,
    value: k.count,
    textStyle: {
      color: isRising(k, body.tickets, body.previous_tickets) ? (rank < 10 ? palette.bad : palette.risk.orange) : (calm[rank % calm.length] as string),
      fontWeight: rank < 8 ? 700 : 400,
    },
  }))
  return {
    series: [
      {
        type: 'wordCloud',
        shape: 'circle',
        left: 'center',
        top: 'center',
        width: '98%',
        height: '96%',
        sizeRange: [Math.round(rem * 0.85), Math.round(rem * 3.2)],
        rotationRange: [0, 0],
        gridSize: Math.round(rem * 0.45),
        drawOutOfBound: false,
        // Placed all at once: an animated layout would blank and re-grow the cloud on every update.
        layoutAnimation: false,
        textStyle: { fontFamily: theme.font, fontWeight: 400 },
        data,
      },
    ],
  }
}
