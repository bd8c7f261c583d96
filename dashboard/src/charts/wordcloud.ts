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
    data: Array<{ name: string; value: number; textStyle: { color: string; fontWeight: number; fontSize: number } }>
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

/**
 * A word's font size in whole pixels: its count mapped linearly from the counts' extent onto `range` (what
 * echarts-wordcloud does itself when a word has no fontSize), then rounded. Rounded because zrender keeps a
 * text-width cache per font string (`textWidthCache` in zrender/lib/contain/text.js) and never drops one:
 * fractional sizes make new font strings with every keyword update, and the wall's heap grew by them.
 */
export function wordSize(count: number, [lo, hi]: readonly [number, number], range: readonly [number, number]): number {
  const [small, big] = range
  const size = hi === lo ? (small + big) / 2 : small + ((count - lo) / (hi - lo)) * (big - small)
  return Math.round(size)
}

export function wordCloudOption(body: KeywordsBody, theme: ChartTheme): WordCloudOption {
  const { rem, palette } = theme
  const calm = [palette.text, palette.muted, '#b9c6e4', palette.series[0], palette.accent]
  const sizeRange: [number, number] = [Math.round(rem * 0.85), Math.round(rem * 3.2)]
  const counts = body.keywords.map((k) => k.count)
  const extent: [number, number] = [Math.min(...counts), Math.max(...counts)]
  const data = body.keywords.map((k, rank) => ({
    name: k.word,
    value: k.count,
    textStyle: {
      color: isRising(k, body.tickets, body.previous_tickets) ? (rank < 10 ? palette.bad : palette.risk.orange) : (calm[rank % calm.length] as string),
      fontWeight: rank < 8 ? 700 : 400,
      fontSize: wordSize(k.count, extent, sizeRange),
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
        // Only a fallback: every word brings its own whole-pixel textStyle.fontSize.
        sizeRange,
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
