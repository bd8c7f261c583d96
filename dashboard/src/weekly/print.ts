// Printing the executive report (issue 4). The print stylesheet lays the page out for A4 landscape, but
// charts are canvases drawn at their on-screen size: a canvas does not redraw when the browser lays the page
// out for paper. So the page switches to its paper layout first (`paper`), gives the charts a few frames
// to resize and redraw, and only then opens the print dialog. A print started from the browser's menu
// (beforeprint) or by print emulation (the `print` media query) gets the same layout; there the charts may
// only be scaled, which the stylesheet allows for.
import { readable, writable, type Readable } from 'svelte/store'

/** Set by the print button between laying out for paper and the dialog closing. */
const requested = writable(false)

/** Whether the page should be in its paper layout now. */
export const paper: Readable<boolean> = readable(false, (set) => {
  const media = matchMedia('print')
  let asked = false
  let printing = media.matches
  const update = () => set(asked || printing)
  const onMedia = () => ((printing = media.matches), update())
  const before = () => ((printing = true), update())
  const after = () => ((printing = media.matches), requested.set(false))
  const stop = requested.subscribe((v) => ((asked = v), update()))
  media.addEventListener('change', onMedia)
  addEventListener('beforeprint', before)
  addEventListener('afterprint', after)
  return () => {
    stop()
    media.removeEventListener('change', onMedia)
    removeEventListener('beforeprint', before)
    removeEventListener('afterprint', after)
  }
})

/** ECharts redraws a resized chart on its next animation frame; two more leave room for the layout. */
const REDRAW_FRAMES = 3

function frames(n: number): Promise<void> {
  return new Promise((resolve) => (n <= 0 ? resolve() : requestAnimationFrame(() => void frames(n - 1).then(resolve))))
}

/** Lays the report out for paper, waits for the charts to redraw, and opens the print dialog. */
export async function printReport(): Promise<void> {
  requested.set(true)
  await frames(REDRAW_FRAMES)
  print()
}
