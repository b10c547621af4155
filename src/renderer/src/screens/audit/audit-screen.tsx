// The Audit screen: the audit of the whole practice or of one programme, as of a date, as charts
// with their tables, and the workbooks for the same choice.
import '../../styles/audit.css'
import { lazy, Suspense, useState } from 'react'
import { api } from '../../api/client'
import { Card } from '../../components/card'
import { ErrorAlert } from '../../components/error-alert'
import { FormField } from '../../components/form-field'
import { useLoad } from '../../components/use-load'
import { formatUkDate, todayIso } from '../../format/uk-date'
import { useProgrammeStore } from '../../stores/programme-store'
import { ChartsLoading } from '../../components/charts-loading'
import { AuditExportCard } from './audit-export-card'

// The report's charts load recharts on first show, not with the app (charts-loading.tsx).
const AuditReport = lazy(() => import('./audit-report').then((m) => ({ default: m.AuditReport })))

const wholePractice = 'the whole practice'

export function AuditScreen() {
  const [asOf, setAsOf] = useState(todayIso())
  const { auditFor, setAuditFor } = useProgrammeStore()
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(asOf)
  const programmes = useLoad(() => api['programmes.list']({}), [])
  const summary = useLoad(
    () => api['audit.summary']({ ...(valid ? { asOf } : {}), ...(auditFor !== null ? { programmeId: auditFor } : {}) }),
    [asOf, valid, auditFor]
  )
  const list = programmes.data?.programmes ?? []
  const chosen = list.find((p) => p.programmeId === auditFor) ?? null
  // The figures on screen must be the ones asked for: while a new choice loads, the old ones are hidden.
  const data = summary.data && summary.data.programmeId === auditFor ? summary.data : null
  const scope = auditFor === null ? wholePractice : (chosen?.name ?? data?.programmeName ?? `programme ${auditFor}`)

  return (
    <div className="screen audit-screen">
      <h1>Audit{auditFor !== null ? `: ${scope}` : ''}</h1>
      <p className="print-only">
        Audit of {scope} as of {formatUkDate(valid ? asOf : todayIso())}, printed {formatUkDate(todayIso())}.
      </p>
      {/* On paper the choice is the line above; the controls are for the screen. */}
      <div className="no-print">
        <Card title="What to audit">
          <div className="form-row">
            <FormField
              id="audit-programme"
              label="Programme"
              width="wide"
              hint="The whole practice counts every programme, each patient once; a programme counts only its own cohorts, invitations and clinics."
              control={(control) => (
                <select
                  {...control}
                  value={auditFor === null ? '' : String(auditFor)}
                  onChange={(event) => setAuditFor(event.target.value === '' ? null : Number(event.target.value))}
                >
                  <option value="">Whole practice (every programme)</option>
                  {list.map((p) => (
                    <option key={p.programmeId} value={p.programmeId}>
                      {p.name}
                      {p.status === 'closed' ? ' (closed)' : ''}
                    </option>
                  ))}
                  {auditFor !== null && !chosen && <option value={auditFor}>{scope}</option>}
                </select>
              )}
            />
            <FormField
              id="audit-as-of"
              label="As of"
              hint="Only what was recorded on or before this date is counted, so an earlier date shows the audit as it stood then."
              control={(control) => <input {...control} type="date" value={asOf} onChange={(event) => setAsOf(event.target.value)} />}
            />
          </div>
          <ErrorAlert message={programmes.error} title="The programmes could not be listed" />
          <ErrorAlert message={summary.error} title="The audit could not be calculated" />
          {summary.loading && (
            <p className="muted" role="status">
              Calculating…
            </p>
          )}
          <p>
            <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={() => window.print()}>
              Print this audit
            </button>
          </p>
        </Card>
        {/* A new choice starts a fresh card: a workbook made for the last choice is not offered as this one's. */}
        <AuditExportCard key={`${auditFor ?? 'practice'}-${asOf}`} asOf={valid ? asOf : null} programmeId={auditFor} scope={scope} />
      </div>

      {data && (
        <Suspense fallback={<ChartsLoading />}>
          <AuditReport summary={data} scope={scope} onOpenProgramme={setAuditFor} />
        </Suspense>
      )}
    </div>
  )
}
