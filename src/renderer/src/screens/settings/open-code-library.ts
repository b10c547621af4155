import { useNavigationStore } from '../../stores/navigation-store'

// Set by a link elsewhere ("check them in Settings › Code library") and taken by the Code library
// when it has loaded.
let requested = false

/** Opens Settings at the Code library. */
export function openCodeLibrary(): void {
  requested = true
  useNavigationStore.getState().go('settings')
}

/** True once after openCodeLibrary(). */
export function takeCodeLibraryRequest(): boolean {
  const was = requested
  requested = false
  return was
}

/**
 * Scrolls the element to the top, and keeps it there while the cards above it finish loading and
 * grow (which would push it out of view), until the user scrolls or a couple of seconds pass.
 */
export function scrollToAndHold(element: HTMLElement, holdMs = 2_000): void {
  const align = () => element.scrollIntoView({ block: 'start' })
  align()
  const observer = new ResizeObserver(align)
  observer.observe(document.body)
  const events = ['wheel', 'keydown', 'pointerdown', 'touchstart'] as const
  const stop = () => {
    observer.disconnect()
    for (const name of events) window.removeEventListener(name, stop)
  }
  for (const name of events) window.addEventListener(name, stop, { passive: true })
  window.setTimeout(stop, holdMs)
}
