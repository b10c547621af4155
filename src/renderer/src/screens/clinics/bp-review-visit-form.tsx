// The BP review form: the readings (or that the patient declined), whether the patient takes their
// medicines as prescribed and if not why (NICE NG136 asks before treatment is stepped up), the
// medicines changed, home BP monitoring, and Making Every Contact Count brief advice per topic.
import type { RefObject } from 'react'
import { DataTable } from '../../components/data-table'
import { FormField } from '../../components/form-field'
import { adherenceStatuses, medicineChangeKinds, nonAdherenceReasons, type MedicineChangeKind } from '../../../../shared/domain/medication-adherence'
import { meccOutcomeFor, meccOutcomes, meccTopics, type MeccOutcome, type MeccTopic } from '../../../../shared/domain/mecc'
import { homeBpMonitoringOptions, type VisitProblem } from '../../../../shared/domain/visit-forms'
import { problemsAt, type BpReviewDraft } from './visit-draft'
import { VisitReadings } from './visit-readings'

interface Props {
  draft: BpReviewDraft
  onChange: (draft: BpReviewDraft) => void
  /** Shown once the clinician has tried to save. */
  problems: readonly VisitProblem[]
  firstInput: RefObject<HTMLInputElement | null>
}

export function BpReviewVisitForm({ draft, onChange, problems, firstInput }: Props) {
  const errorAt = (field: string) => problemsAt(problems, field)[0]?.message
  const set = (change: Partial<BpReviewDraft>) => onChange({ ...draft, ...change })
  const notTaking = draft.adherence !== null && draft.adherence !== 'taking'

  return (
    <div className="visit-sections">
      <section className="visit-section" aria-labelledby="bp-heading">
        <h4 id="bp-heading">Blood pressure</h4>
        {!draft.bpDeclined && (
          <VisitReadings
            readings={draft.readings}
            onChange={(readings) => set({ readings })}
            error={errorAt('readings')}
            firstInput={firstInput}
            hint="Enter each reading taken today. The lowest systolic and the lowest diastolic are used (NICE NG136 1.2.2)."
          />
        )}
        <div className="checkbox">
          <input
            type="checkbox"
            id="bp-declined"
            checked={draft.bpDeclined}
            onChange={(event) => set({ bpDeclined: event.target.checked, readings: event.target.checked ? [] : [{ systolic: '', diastolic: '' }] })}
          />
          <label htmlFor="bp-declined">The patient declined to have their blood pressure taken</label>
        </div>
        {errorAt('bpDeclined') && <p className="nhsuk-error-message">{errorAt('bpDeclined')}</p>}
      </section>

      <section className="visit-section" aria-labelledby="medicines-heading">
        <h4 id="medicines-heading">Medicines</h4>
        <fieldset className={`field${errorAt('adherence.status') ? ' nhsuk-form-group--error' : ''}`}>
          <legend>Taking their BP medicines as prescribed?</legend>
          <div className="checkbox-columns">
            <div className="radio">
              <input
                type="radio"
                id="adherence-none"
                name="adherence"
                checked={draft.adherence === null}
                onChange={() => set({ adherence: null, reasons: [] })}
              />
              <label htmlFor="adherence-none">Not asked (for example, on no BP medicines)</label>
            </div>
            {adherenceStatuses.map((status) => (
              <div className="radio" key={status.id}>
                <input
                  type="radio"
                  id={`adherence-${status.id}`}
                  name="adherence"
                  checked={draft.adherence === status.id}
                  onChange={() => set({ adherence: status.id, reasons: status.id === 'taking' ? [] : draft.reasons })}
                />
                <label htmlFor={`adherence-${status.id}`}>{status.label}</label>
              </div>
            ))}
          </div>
        </fieldset>
        {notTaking && (
          <fieldset className={`field adherence-reasons${errorAt('adherence.reasons') ? ' nhsuk-form-group--error' : ''}`}>
            <legend>Why not?</legend>
            <div className="checkbox-columns">
              {nonAdherenceReasons.map((reason) => (
                <div className="checkbox" key={reason.id}>
                  <input
                    type="checkbox"
                    id={`reason-${reason.id}`}
                    checked={draft.reasons.includes(reason.id)}
                    onChange={(event) => set({ reasons: event.target.checked ? [...draft.reasons, reason.id] : draft.reasons.filter((r) => r !== reason.id) })}
                  />
                  <label htmlFor={`reason-${reason.id}`}>{reason.label}</label>
                </div>
              ))}
            </div>
            {draft.reasons.includes('other') && (
              <FormField
                id="adherence-other"
                label="The patient’s reason"
                error={errorAt('adherence.otherReason')}
                control={(control) => (
                  <input {...control} type="text" maxLength={200} value={draft.otherReason} onChange={(event) => set({ otherReason: event.target.value })} />
                )}
              />
            )}
          </fieldset>
        )}

        <fieldset className="field">
          <legend>Medicines changed today</legend>
          {draft.medicineChanges.length === 0 && <p className="muted">None.</p>}
          {draft.medicineChanges.map((change, i) => (
            <div className="form-row medicine-change" key={i}>
              <FormField
                id={`medicine-${i}-kind`}
                label={`Change ${i + 1}`}
                width="narrow"
                control={(control) => (
                  <select
                    {...control}
                    value={change.kind}
                    onChange={(event) =>
                      set({ medicineChanges: draft.medicineChanges.map((c, j) => (j === i ? { ...c, kind: event.target.value as MedicineChangeKind } : c)) })
                    }
                  >
                    {medicineChangeKinds.map((k) => (
                      <option key={k.id} value={k.id}>
                        {k.label}
                      </option>
                    ))}
                  </select>
                )}
              />
              <FormField
                id={`medicine-${i}-drug`}
                label={`Medicine ${i + 1} and dose`}
                width="wide"
                error={errorAt(`medicineChanges[${i}]`)}
                control={(control) => (
                  <input
                    {...control}
                    type="text"
                    maxLength={200}
                    placeholder="e.g. amlodipine 10 mg once a day"
                    value={change.drug}
                    onChange={(event) => set({ medicineChanges: draft.medicineChanges.map((c, j) => (j === i ? { ...c, drug: event.target.value } : c)) })}
                  />
                )}
              />
              <button
                type="button"
                className="nhsuk-button nhsuk-button--secondary nhsuk-button--small reading-remove"
                onClick={() => set({ medicineChanges: draft.medicineChanges.filter((_, j) => j !== i) })}
              >
                Remove change {i + 1}
              </button>
            </div>
          ))}
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary"
            onClick={() => set({ medicineChanges: [...draft.medicineChanges, { kind: 'started', drug: '' }] })}
          >
            Add a medicine change
          </button>
        </fieldset>
      </section>

      <section className="visit-section" aria-labelledby="home-heading">
        <h4 id="home-heading">Home BP monitoring and lifestyle</h4>
        <fieldset className="field">
          <legend>Home BP monitoring</legend>
          <div className="checkbox-columns">
            {homeBpMonitoringOptions.map((option) => (
              <div className="radio" key={option.id}>
                <input
                  type="radio"
                  id={`home-bp-${option.id}`}
                  name="home-bp"
                  checked={draft.homeBpMonitoring === option.id}
                  onChange={() => set({ homeBpMonitoring: option.id })}
                />
                <label htmlFor={`home-bp-${option.id}`}>{option.label}</label>
              </div>
            ))}
          </div>
        </fieldset>
        <MeccTable mecc={draft.mecc} onChange={(mecc) => set({ mecc })} />
      </section>
    </div>
  )
}

function MeccTable({ mecc, onChange }: { mecc: BpReviewDraft['mecc']; onChange: (mecc: BpReviewDraft['mecc']) => void }) {
  const setOutcome = (topic: MeccTopic, outcome: MeccOutcome) => onChange({ ...mecc, [topic]: outcome })
  return (
    <DataTable<(typeof meccTopics)[number]>
      label="Making Every Contact Count: brief advice"
      caption="Making Every Contact Count: brief advice per topic"
      className="nhsuk-table--compact mecc-table"
      rows={meccTopics}
      rowKey={(t) => t.id}
      columns={[
        { id: 'topic', header: 'Topic', rowHeader: true, cell: (t) => t.label },
        ...meccOutcomes.map((outcome) => ({
          id: outcome.id,
          header: outcome.label,
          cellClassName: 'measure-answer',
          cell: (t: (typeof meccTopics)[number]) => (
            <input
              type="radio"
              name={`mecc-${t.id}`}
              aria-label={`${t.label}: ${outcome.label}`}
              checked={meccOutcomeFor(mecc, t.id) === outcome.id}
              onChange={() => setOutcome(t.id, outcome.id)}
            />
          )
        }))
      ]}
    />
  )
}
