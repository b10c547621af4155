// What recording the visit gave back, shown once the form closes: the BP used and the follow-up,
// the questionnaire scores with their bands, the referrals made and their warnings, and the button
// that prints the patient's "What we agreed" summary.
import type { OperationOutput } from '../../../../shared/contract'
import { api } from '../../api/client'
import { BusyButton } from '../../components/busy-button'
import { ErrorAlert } from '../../components/error-alert'
import { useAsyncAction } from '../../components/use-async-action'
import { downloadDocument } from '../../files/download-document'
import { formatBp } from '../../format/blood-pressure'
import { formatUkDate } from '../../format/uk-date'
import { useState } from 'react'

type AttendResult = OperationOutput<'appointments.attend'>
type Score = NonNullable<AttendResult['visit']>['scores'][number]

/** Each score with its band and where the bands come from, in the form's order; the four ONS4 answers on one line, as ONS reports them side by side. */
function ScoreList({ scores }: { scores: Score[] }) {
  const ons4 = scores.filter((s) => s.measure.startsWith('ons4-'))
  return (
    <ul className="visit-scores" aria-label="Scores recorded">
      {scores.map((s) => {
        if (!s.measure.startsWith('ons4-')) {
          return (
            <li key={s.measure}>
              {s.name}: <strong>{s.score}</strong> {s.bandLabel} <span className="muted">({s.source})</span>
            </li>
          )
        }
        if (s !== ons4[0]) return null
        return (
          <li key="ons4">
            ONS4:{' '}
            {ons4.map((a, i) => (
              <span key={a.measure}>
                {i > 0 ? ' · ' : ''}
                {a.name.replace(/^ONS4 /, '')} <strong>{a.score}</strong> {a.bandLabel}
              </span>
            ))}{' '}
            <span className="muted">({s.source})</span>
          </li>
        )
      })}
    </ul>
  )
}

export function VisitOutcome({ name, appointmentId, result }: { name: string; appointmentId: number; result: AttendResult }) {
  if (result.status === 'did-not-attend') {
    return (
      <div className="alert alert-info" role="status">
        {name} marked as did not attend. They appear on the re-invite list.
        {result.followUpReason ? ` ${result.followUpReason}` : ''}
      </div>
    )
  }
  const visit = result.visit
  return (
    <div className={result.priority === 'P1' ? 'alert alert-error' : 'alert alert-success'} role="status">
      <h3 className="alert-title">Visit recorded for {name}</h3>
      <p className="alert-message">
        {result.bp ? (
          <>
            BP used: <strong>{formatBp(result.bp)}</strong> (lowest systolic and lowest diastolic of today&apos;s readings, NICE NG136 1.2.2)
            {result.priority ? ` · priority ${result.priority}` : ''}
          </>
        ) : (
          <>No BP taken{visit?.form === 'time-to-talk' ? ' (not needed at a Time to Talk review)' : ' (the patient declined)'}.</>
        )}
      </p>
      <p className="alert-message">
        Follow-up due: <strong>{formatUkDate(result.followUpDue)}</strong>
        {result.followUpReason ? ` — ${result.followUpReason}` : ''}
      </p>
      {visit && visit.scores.length > 0 && <ScoreList scores={visit.scores} />}
      {visit && visit.referrals.length > 0 && (
        <ul aria-label="Referrals made">
          {visit.referrals.map((r) => (
            <li key={r.referralId}>
              {r.kind === 'sent' ? 'Referral sent to' : 'Signposted to'} <strong>{r.service}</strong>
            </li>
          ))}
        </ul>
      )}
      {visit?.warnings.map((w) => (
        <p key={w} className="alert-message warnings">
          Warning: {w}
        </p>
      ))}
      <SummaryButton appointmentId={appointmentId} name={name} />
    </div>
  )
}

/** Prints the patient's "What we agreed" summary (recorded as a document) and saves it. */
export function SummaryButton({ appointmentId, name, compact = false }: { appointmentId: number; name: string; compact?: boolean }) {
  const action = useAsyncAction()
  const [done, setDone] = useState<{ name: string; largePrint: boolean; warnings: string[] } | null>(null)
  const print = () =>
    void action.run(async () => {
      const summary = await api['visits.summaryPdf']({ appointmentId })
      await downloadDocument(summary.file.fileId)
      setDone({ name: summary.file.name, largePrint: summary.largePrint, warnings: summary.warnings })
    })
  return (
    <div className={compact ? 'visit-summary-print-compact' : 'visit-summary-print'}>
      <BusyButton
        variant="secondary"
        className={compact ? 'button-small' : undefined}
        busy={action.busy}
        busyLabel="Preparing…"
        onClick={print}
        aria-label={compact ? `Summary for ${name}: print “What we agreed”` : `Print “What we agreed” for ${name}`}
      >
        {compact ? 'Print summary' : 'Print “What we agreed”'}
      </BusyButton>
      {done && (
        <p className="alert-message">
          Saved {done.name}
          {done.largePrint ? ' (large print)' : ''}: give it to the patient before they leave.
        </p>
      )}
      {done?.warnings.map((w) => (
        <p key={w} className="alert-message warnings">
          Warning: {w}
        </p>
      ))}
      <ErrorAlert message={action.error} title="The summary was not printed" />
    </div>
  )
}
