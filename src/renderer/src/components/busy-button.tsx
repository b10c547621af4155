import type { ButtonHTMLAttributes } from 'react'

interface BusyButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  busy: boolean
  /** Shown while the action runs, e.g. "Building…". */
  busyLabel: string
  variant?: 'primary' | 'secondary' | 'warning'
}

export function BusyButton({ busy, busyLabel, variant = 'primary', children, disabled, className, ...rest }: BusyButtonProps) {
  return (
    <button type="button" {...rest} className={`button button-${variant} ${className ?? ''}`} disabled={busy || disabled} aria-busy={busy}>
      {busy ? busyLabel : children}
    </button>
  )
}
