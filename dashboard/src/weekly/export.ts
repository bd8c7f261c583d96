// Downloads made in the browser: the CSV of the week-over-week table and a PNG of any chart. A PNG comes
// from ECharts' own getDataURL at twice the screen's resolution, on the panel's colour (a transparent PNG
// pasted into a white slide would lose the light text of the dark theme).
import { getInstanceByDom } from '../charts/echarts.ts'
import { PALETTE } from '../charts/theme.ts'

/** Saves a blob under a file name through a temporary link (the File System Access API is not everywhere). */
function saveBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob)
  saveUrl(name, url)
  // The download has started by the time the click returns; the URL is only needed that long.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}

function saveUrl(name: string, url: string): void {
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.rel = 'noopener'
  document.body.append(a)
  a.click()
  a.remove()
}

export function saveCsv(name: string, text: string): void {
  saveBlob(name, new Blob([text], { type: 'text/csv;charset=utf-8' }))
}

/**
 * Saves the chart drawn inside `container` as a PNG. EChart.svelte keeps its instance to itself; ECharts
 * finds it again from the element it was created on (the wrapper's role="img" box).
 */
export function saveChartPng(name: string, container: HTMLElement): void {
  const host = container.querySelector<HTMLElement>('[role="img"]')
  const chart = host && getInstanceByDom(host)
  if (chart) saveUrl(name, chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: PALETTE.panel }))
}

/** A file name that sorts by date and carries the scope, e.g. 投诉雷达-周报-华东-2026-11-16.csv. */
export function fileName(parts: readonly string[], ext: 'csv' | 'png'): string {
  return `${parts.filter(Boolean).join('-').replace(/[\\/:*?"<>|\s]+/g, '_')}.${ext}`
}
