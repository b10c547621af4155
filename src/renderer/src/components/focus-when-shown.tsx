// The result of something the user just did (a booking made or refused, a did-not-attend marked or
// undone) is where focus goes next: moved there and scrolled into view, so a keyboard or screen-reader
// user is told the outcome without hunting for it, and a sighted user sees it even when it is below
// the fold. The form or button that caused it may have just disappeared, which would otherwise drop
// focus to the top of the page.
import type { ReactNode } from 'react'
import { useReveal } from './use-reveal'

interface Props {
  /**
   * Changes on each new result (an attempt counter): focus moves every time it changes, even when the
   * same refusal comes back twice. Null while there is nothing to show.
   */
  token: number | null
  children: ReactNode
}

export function FocusWhenShown({ token, children }: Props) {
  const box = useReveal<HTMLDivElement>(token, 'nearest')
  if (token === null) return null
  return (
    <div ref={box} tabIndex={-1} className="focus-target">
      {children}
    </div>
  )
}
