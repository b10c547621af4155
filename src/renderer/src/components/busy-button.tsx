import type { ButtonHTMLAttributes } from 'react'

interface BusyButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  busy: boolean
  /** Shown while the action runs, e.g. "Building…". */
  busyLabel: string
  variant?: 'primary' | 'secondary' | 'warning'
}

// The NHS.UK button (nhsuk-frontend): green for the main action, secondary outlined, warning red.
const variantClass = { primary: '', secondary: 'nhsuk-button--secondary', warning: 'nhsuk-button--warning' } as const

export function BusyButton({ busy, busyLabel, variant = 'primary', children, disabled, className, ...rest }: BusyButtonProps) {
  return (
    <button type="button" {...rest} className={`nhsuk-button ${variantClass[variant]} ${className ?? ''}`.trim()} disabled={busy || disabled} aria-busy={busy}>
      {busy ? busyLabel : children}
    </button>
  )
}
