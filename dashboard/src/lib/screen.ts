// The root font size in pixels. Chart option builders take it so their text and strokes scale like the
// rest of the page, whose root size app.css derives from the viewport on the wall (1080p: 16 px, 4K: 32 px).
// A 1rem square probe tells us when that size changes, whatever the cause (resize, another view).
import { readable } from 'svelte/store'

export const rem = readable(16, (set) => {
  const probe = document.createElement('div')
  probe.setAttribute('aria-hidden', 'true')
  probe.style.cssText = 'position:fixed;visibility:hidden;pointer-events:none;width:1rem;height:1rem'
  document.body.append(probe)
  const observer = new ResizeObserver(() => set(probe.getBoundingClientRect().width || 16))
  observer.observe(probe)
  return () => {
    observer.disconnect()
    probe.remove()
  }
})
