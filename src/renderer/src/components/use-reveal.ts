// The result of an action the user just took (a cohort built, an import finished) is brought to
// them: the element takes focus, so a screen reader announces it, and is scrolled to the top of the
// view, so a sighted user is not left looking at the form while the result appears off screen.
import { useEffect, useRef } from 'react'

/**
 * Returns the ref to put on the result's container (give it tabIndex={-1}). `token` changes on each
 * new result (an id or a counter); null or undefined while there is none. `block` is where it is
 * scrolled to: the top of the view for a large result, 'nearest' for a message beside the form.
 */
export function useReveal<T extends HTMLElement>(token: unknown, block: ScrollLogicalPosition = 'start') {
  const ref = useRef<T>(null)
  useEffect(() => {
    if (token === null || token === undefined) return
    ref.current?.focus({ preventScroll: true })
    ref.current?.scrollIntoView({ block })
  }, [token, block])
  return ref
}
