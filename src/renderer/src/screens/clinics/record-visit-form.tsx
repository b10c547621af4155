// Recording a visit on the form its clinic's type uses (visit-forms.ts): a BP review or a Time to
// Talk review, then what both record — the register conditions confirmed, the referrals made, what
// was agreed (printed for the patient) and a note. The record is checked with the shared rules as it
// is saved, every problem named beside its field; the service checks it again.
import { useEffect, useRef, useState, type FormEvent } from 'react'
import type { OperationOutput } from '../../../../shared/contract'
import { phq9Item9Prompt } from '../../../../shared/domain/phq9'
import { visitActionLabels, visitActions, type VisitAction } from '../../../../shared/domain/visit-actions'
import type { VisitProblem } from '../../../../shared/domain/visit-forms'
import { api } from '../../api/client'
import { BusyButton } from '../../components/busy-button'
import { ErrorAlert } from '../../components/error-alert'
import { ErrorSummary } from '../../components/error-summary'
import { FormField } from '../../components/form-field'
import { useAsyncAction } from '../../components/use-async-action'
import { useLoad } from '../../components/use-load'
import { formatNhsNumber } from '../../format/nhs-number'
import { formatUkDate } from '../../format/uk-date'
import { BpReviewVisitForm } from './bp-review-visit-form'
import { Phq9RiskPrompt } from './phq9-risk-prompt'
import { TimeToTalkVisitForm } from './time-to-talk-visit-form'
import { draftProblems, initialDraft, measureEntry, problemsAt, visitInputOf, type VisitDraft } from './visit-draft'
import { VisitConditions } from './visit-conditions'
import { VisitReferrals } from './visit-referrals'
import { visitFieldId } from './visit-field-ids'
import '../../styles/visits.css'

type AttendResult = OperationOutput<'appointments.attend'>
type VisitContext = OperationOutput<'visits.context'>

/** The four action ticks every visit keeps (set from the record), as the slot table shows them. */
export const actionOptions: { value: VisitAction; label: string }[] = visitActions.map((value) => ({ value, label: visitActionLabels[value] }))

interface Props {
  appointmentId: number
  patientName: string
  onCancel: () => void
  onSaved: (result: AttendResult) => void
}

export function RecordVisitForm({ appointmentId, patientName, onCancel, onSaved }: Props) {
  const context = useLoad(() => api['visits.context']({ appointmentId }), [appointmentId])
  const services = useLoad(() => api['services.list']({}), [])

  return (
    <section className="form subform visit-form" aria-label={`Record visit for ${patientName}`}>
      <h3>Record visit: {patientName}</h3>
      <ErrorAlert message={context.error ?? services.error} title="The visit form could not be opened" />
      {context.loading && !context.data && <p className="muted">Opening the visit form…</p>}
      {context.data && (
        <VisitFormFor
          key={context.data.form}
          context={context.data}
          services={services.data?.services ?? []}
          patientName={patientName}
          onCancel={onCancel}
          onSaved={onSaved}
        />
      )}
    </section>
  )
}

interface FormProps {
  context: VisitContext
  services: OperationOutput<'services.list'>['services']
  patientName: string
  onCancel: () => void
  onSaved: (result: AttendResult) => void
}

function VisitFormFor({ context, services, patientName, onCancel, onSaved }: FormProps) {
  const [draft, setDraft] = useState<VisitDraft>(() => initialDraft(context.form))
  // Counts the presses of Save: each one brings the error summary (if any) into view with focus.
  const [attempts, setAttempts] = useState(0)
  const save = useAsyncAction()
  const firstInput = useRef<HTMLInputElement>(null)

  // The form opens below the slot list: bring it into view with the cursor in its first box.
  useEffect(() => {
    firstInput.current?.focus()
  }, [])

  // Shown once a save was tried, then following the typing, so one corrected disappears at once.
  const shown: VisitProblem[] = attempts > 0 ? draftProblems(draft, context.clinicType) : []
  const riskPrompt = draft.form.form === 'time-to-talk' ? phq9Item9Prompt(measureEntry(draft.form.phq9) ?? {}) : null

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setAttempts((count) => count + 1)
    if (draftProblems(draft, context.clinicType).length > 0) return
    void save.run(async () => {
      onSaved(await api['appointments.attend']({ appointmentId: context.appointmentId, visit: visitInputOf(draft), note: draft.note }))
    })
  }

  return (
    <form onSubmit={submit} noValidate aria-label={`${context.formLabel} for ${patientName}`}>
      <p className="visit-form-meta">
        <strong>{context.formLabel}</strong> · {context.clinicType} on {formatUkDate(context.clinicDate)} · NHS number{' '}
        {formatNhsNumber(context.patient.nhsNumber)}
        {context.largePrint && <span className="nhsuk-tag tag-inline nhsuk-tag--blue">Large print</span>}
      </p>
      <p className="hint">{context.requires}</p>

      {/* The design system's error summary, at the top of the form: each problem links to its field. */}
      <ErrorSummary
        title={`The visit was not saved: ${shown.length === 1 ? 'one thing needs' : `${shown.length} things need`} correcting`}
        problems={shown.map((p) => ({ message: p.message, fieldId: visitFieldId(p.field) }))}
        focusOn={attempts}
      />

      {/* The full prompt sits under PHQ-9, where item 9 was just answered; this line stays in view while the rest is filled in. */}
      {riskPrompt && (
        <p className="risk-reminder">
          <strong>Same-day risk:</strong> PHQ-9 item 9 was answered above 0 — assess {patientName} before they leave.
        </p>
      )}

      {draft.form.form === 'bp-review' ? (
        <BpReviewVisitForm draft={draft.form} onChange={(form) => setDraft({ ...draft, form })} problems={shown} firstInput={firstInput} />
      ) : (
        <TimeToTalkVisitForm
          draft={draft.form}
          onChange={(form) => setDraft({ ...draft, form })}
          problems={shown}
          firstInput={firstInput}
          riskPrompt={riskPrompt && <Phq9RiskPrompt text={riskPrompt} patientName={patientName} />}
        />
      )}

      <div className="visit-sections">
        <section className="visit-section" aria-labelledby="shared-heading">
          <h4 id="shared-heading">Conditions, referrals and what was agreed</h4>
          <VisitConditions
            conditions={context.conditions}
            confirmed={draft.conditionsConfirmed}
            onChange={(conditionsConfirmed) => setDraft({ ...draft, conditionsConfirmed })}
          />
          <VisitReferrals services={services} chosen={draft.referrals} onChange={(referrals) => setDraft({ ...draft, referrals })} />
          <FormField
            id="visit-agreed-plan"
            label="What we agreed with the patient"
            hint="In words for the patient: it is printed on their “What we agreed” summary, with the services and the follow-up date. No scores are printed."
            error={problemsAt(shown, 'agreedPlan')[0]?.message}
            control={(control) => (
              <textarea
                {...control}
                rows={3}
                maxLength={1500}
                value={draft.agreedPlan}
                onChange={(event) => setDraft({ ...draft, agreedPlan: event.target.value })}
              />
            )}
          />
          <FormField
            id="visit-note"
            label="Note"
            hint="For the practice’s record only; not printed for the patient."
            control={(control) => (
              <textarea {...control} rows={2} maxLength={2000} value={draft.note} onChange={(event) => setDraft({ ...draft, note: event.target.value })} />
            )}
          />
        </section>
      </div>

      <ErrorAlert message={save.error} title="The visit was not saved" />
      <div className="button-row">
        <BusyButton type="submit" busy={save.busy} busyLabel="Saving visit…">
          Save visit
        </BusyButton>
        <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}
