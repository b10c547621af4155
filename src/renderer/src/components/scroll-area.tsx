import type { ReactNode } from 'react'

/**
 * A box of fixed height that scrolls (a long table). It can take keyboard focus and is named, so
 * someone who does not use a mouse can tab to it and scroll it with the arrow keys, and a screen
 * reader says what it holds.
 */
export function ScrollArea({ label, className = '', children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div className={`table-wrap table-scroll ${className}`.trim()} role="region" aria-label={`${label} (scrolls)`} tabIndex={0}>
      {children}
    </div>
  )
}
