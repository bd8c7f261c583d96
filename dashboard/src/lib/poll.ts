// A value loaded over HTTP now and every `everyMs` while anything subscribes: what the live feed does not
// push (yesterday's KPIs, the hourly series, zone names). A failed load keeps the last good value, so a
// wall shows slightly old context rather than a hole while the server restarts.
import { readable, type Readable } from 'svelte/store'

export interface Polled<T> {
  value: T | undefined
  /** The last load's error message, cleared by the next success. */
  error: string | null
}

export function polled<T>(load: () => Promise<T>, everyMs: number): Readable<Polled<T>> {
  return readable<Polled<T>>({ value: undefined, error: null }, (set, update) => {
    let busy = false
    const run = async () => {
      // A slow server must not pile up requests from one screen.
      if (busy) return
      busy = true
      try {
        const value = await load()
        set({ value, error: null })
      } catch (err) {
        update((p) => ({ ...p, error: err instanceof Error ? err.message : String(err) }))
      } finally {
        busy = false
      }
    }
    void run()
    const timer = setInterval(() => void run(), everyMs)
    return () => clearInterval(timer)
  })
}
