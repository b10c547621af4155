import type { AuditSummaryT } from '../../../../shared/contract'

const steps: { key: keyof AuditSummaryT['funnel']; label: string }[] = [
  { key: 'eligible', label: 'Eligible' },
  { key: 'invited', label: 'Invited' },
  { key: 'booked', label: 'Booked' },
  { key: 'attended', label: 'Attended' },
  { key: 'followedUp', label: 'Followed up' }
]

/** Eligible → invited → booked → attended → followed up, as plain CSS bars scaled to the eligible count. */
export function UptakeFunnel({ funnel }: { funnel: AuditSummaryT['funnel'] }) {
  const top = Math.max(funnel.eligible, 1)
  return (
    <ol className="funnel" aria-label="Uptake funnel">
      {steps.map((step) => {
        const value = funnel[step.key]
        const share = Math.min(100, (value / top) * 100)
        return (
          <li key={step.key} className="funnel-step">
            <span className="funnel-label">{step.label}</span>
            <span className="funnel-track" aria-hidden="true">
              <span className="funnel-bar" style={{ width: `${share}%` }} />
            </span>
            <span className="funnel-value">
              {value}
              {step.key !== 'eligible' && funnel.eligible > 0 && <span className="muted"> ({Math.round((value / funnel.eligible) * 100)}%)</span>}
            </span>
          </li>
        )
      })}
    </ol>
  )
}
