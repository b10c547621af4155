import { useNavigationStore } from '../../stores/navigation-store'

// Set by a link elsewhere ("check them in Settings › Code library"), taken by the Code library
// once its lists have loaded: scrolling earlier would land above it as the cards over it fill in.
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
