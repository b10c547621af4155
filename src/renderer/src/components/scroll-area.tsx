import type { ReactNode, Ref } from 'react'

/**
 * A box of fixed height that scrolls (a long table). It can take keyboard focus and is named, so
 * someone who does not use a mouse can tab to it and scroll it with the arrow keys, and a screen
 * reader says what it holds. `ref` is the scrolling element, for a list that renders only the rows in view.
 */
export function ScrollArea({ label, className = '', children, ref }: { label: string; className?: string; children: ReactNode; ref?: Ref<HTMLDivElement> }) {
  return (
    <div className={`table-wrap table-scroll ${className}`.trim()} ref={ref} role="region" aria-label={`${label} (scrolls)`} tabIndex={0}>
      {children}
    </div>
  )
}
