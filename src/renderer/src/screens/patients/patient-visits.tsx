// The patient's visits, newest first, each as it was recorded: the clinic's form, the BP taken, the
// questionnaire scores, what was agreed, the actions ticked, the referrals made and the note.
import { visitActionLabels } from '../../../../shared/domain/visit-actions'
import { Card } from '../../components/card'
import { formatBp } from '../../format/blood-pressure'
import { formatUkDate, formatUkDateTime } from '../../format/uk-date'
import type { PatientVisit } from './patient-page-data'

function Visit({ visit }: { visit: PatientVisit }) {
  const record = visit.record
  return (
    <article className="patient-visit" aria-labelledby={`visit-${visit.appointmentId}`}>
      <h3 id={`visit-${visit.appointmentId}`}>
        {formatUkDate(visit.date)} — {visit.clinicType}
      </h3>
      <p>
        {record.formLabel}
        {visit.bp ? `, BP ${formatBp(visit.bp)}` : ', no BP recorded'}
        {record.recordedBy && ` — recorded by ${record.recordedBy}${record.recordedAt ? ` on ${formatUkDateTime(record.recordedAt)}` : ''}`}
      </p>
      {record.riskPrompt && (
        <p>
          <strong className="text-error">Same-day risk assessment prompted (PHQ-9 item 9)</strong>
        </p>
      )}
      {record.scores.length > 0 && <p>{record.scores.map((s) => `${s.name} ${s.score} (${s.bandLabel})`).join(' · ')}</p>}
      {record.record?.agreedPlan && <p>Agreed: {record.record.agreedPlan}</p>}
      {visit.actions.length > 0 && <p>Actions: {visit.actions.map((a) => visitActionLabels[a]).join(', ')}</p>}
      {record.referrals.length > 0 && <p>{record.referrals.map((r) => `${r.kind === 'sent' ? 'Referred to' : 'Signposted to'} ${r.service}`).join(' · ')}</p>}
      {visit.note && <p>Note: {visit.note}</p>}
    </article>
  )
}

export function PatientVisits({ visits }: { visits: readonly PatientVisit[] }) {
  return (
    <Card title="Visits">
      {visits.length === 0 ? <p>No visit has been recorded for this patient.</p> : visits.map((visit) => <Visit key={visit.appointmentId} visit={visit} />)}
    </Card>
  )
}
