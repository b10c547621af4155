import type { ReactNode } from 'react'

/**
 * One collapsible part of the import preview, its count in the always-visible line so a closed
 * section still says how much is inside. `open` is only the starting state: React leaves the
 * attribute alone while the prop is unchanged, so a section the user opened or closed stays so.
 */
export function PreviewSection({ title, count, open, children }: { title: string; count: ReactNode; open: boolean; children: ReactNode }) {
  return (
    <details className="card preview-section" open={open}>
      <summary className="preview-section-summary">
        {title} <span className="preview-section-count">({count})</span>
      </summary>
      <div className="preview-section-body">{children}</div>
    </details>
  )
}
