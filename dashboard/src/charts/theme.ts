// The dark theme of every screen: one palette for the CSS (as custom properties, see applyPalette) and for
// the charts, so a risk colour on the heatmap and on a tile border is the same colour. Chart sizes scale with
// `rem`, the root font size, which the page sets from the viewport (app.css): a 4K wall draws the same
// layout as a 1080p one, twice as sharp.
import type { Risk, Severity } from '../lib/types.ts'

export const PALETTE = {
  bg: '#060a14',
  panel: '#0c1324',
  panelEdge: '#1b2642',
  text: '#e9eef8',
  muted: '#8e9bb8',
  faint: '#4f5c7a',
  grid: '#16203a',
  accent: '#37d6c8',
  good: '#34d399',
  bad: '#ff5c62',
  risk: { red: '#ff4d4f', orange: '#ff9838', yellow: '#f4d03f', blue: '#3b8cff', normal: '#3a4766' } satisfies Record<Risk, string>,
  severity: { critical: '#ff4d4f', warning: '#ff9838' } satisfies Record<Severity, string>,
  /** Channels in CHANNELS order (lib/types.ts). */
  series: ['#3b8cff', '#37d6c8', '#b48cff', '#f4d03f', '#ff9838', '#8e9bb8'],
  /** Heatmap ramp from a quiet cell to a hot one. */
  heat: ['#12203f', '#1c4a86', '#2a7fd0', '#f2b33d', '#ff6a3d', '#ff2e55'],
} as const

/** CJK first: the wall's words are Chinese, and these faces have matching Latin digits. */
export const FONT_FAMILY = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif'

export interface ChartTheme {
  /** Pixels per rem at the current screen size. */
  rem: number
  palette: typeof PALETTE
  font: string
}

export function chartTheme(rem: number): ChartTheme {
  return { rem, palette: PALETTE, font: FONT_FAMILY }
}

/** Writes the palette as CSS custom properties (--bg, --risk-red, …) on an element, usually <html>. */
export function applyPalette(el: HTMLElement): void {
  for (const [name, value] of Object.entries(PALETTE)) {
    if (typeof value === 'string') el.style.setProperty(`--${kebab(name)}`, value)
    else if (!Array.isArray(value)) for (const [k, v] of Object.entries(value)) el.style.setProperty(`--${kebab(name)}-${kebab(k)}`, v)
  }
  el.style.setProperty('--font', FONT_FAMILY)
}

const kebab = (s: string) => s.replace(/[A-Z_]/g, (c) => `-${c.replace('_', '').toLowerCase()}`)
