import { useEffect, useRef, useState, type FormEvent } from 'react'
import type { OperationOutput } from '../../../../shared/contract'
import { api } from '../../api/client'
import { BusyButton } from '../../components/busy-button'
import { ErrorAlert } from '../../components/error-alert'
import { FormField } from '../../components/form-field'
import { useAsyncAction } from '../../components/use-async-action'
import { lowestOfReadings } from '../../../../shared/domain/current-bp'

type VisitAction = 'medication-change' | 'lifestyle-advice' | 'home-bp-monitoring' | 'referral'
type AttendResult = OperationOutput<'appointments.attend'>

export const actionOptions: { value: VisitAction; label: string }[] = [
  { value: 'medication-change', label: 'Medication change' },
  { value: 'lifestyle-advice', label: 'Lifestyle advice' },
  { value: 'home-bp-monitoring', label: 'Home BP monitoring' },
  { value: 'referral', label: 'Referral' }
]

const maxReadings = 6

interface Props {
  appointmentId: number
  patientName: string
  onCancel: () => void
  onSaved: (result: AttendResult) => void
}

/** Reading limits match the import's plausibility checks: a typo is caught before it is saved. */
function parseReading(systolic: string, diastolic: string, number: number) {
  const sys = Number(systolic)
  const dia = Number(diastolic)
  if (!Number.isInteger(sys) || sys < 40 || sys > 350) throw new Error(`Reading ${number}: systolic must be a whole number from 40 to 350 mmHg.`)
  if (!Number.isInteger(dia) || dia < 20 || dia > 200) throw new Error(`Reading ${number}: diastolic must be a whole number from 20 to 200 mmHg.`)
  if (sys <= dia) throw new Error(`Reading ${number}: systolic must be higher than diastolic.`)
  return { systolic: sys, diastolic: dia }
}

export function RecordVisitForm({ appointmentId, patientName, onCancel, onSaved }: Props) {
  const [readings, setReadings] = useState([{ systolic: '', diastolic: '' }])
  const [actions, setActions] = useState<VisitAction[]>([])
  const [note, setNote] = useState('')
  const save = useAsyncAction()
  const firstInput = useRef<HTMLInputElement>(null)

  // The form opens below the slot list: bring it into view with the cursor in the first reading.
  useEffect(() => {
    firstInput.current?.focus()
  }, [])

  const updateReading = (index: number, field: 'systolic' | 'diastolic', value: string) =>
    setReadings((current) => current.map((reading, i) => (i === index ? { ...reading, [field]: value } : reading)))

  const submit = (event: FormEvent) => {
    event.preventDefault()
    void save.run(async () => {
      const parsed = readings.map((reading, index) => parseReading(reading.systolic, reading.diastolic, index + 1))
      onSaved(await api['appointments.attend']({ appointmentId, readings: parsed, actions, note }))
    })
  }

  return (
    <form className="form subform visit-form" onSubmit={submit} noValidate aria-label={`Record visit for ${patientName}`}>
      <h3>Record visit: {patientName}</h3>
      <p className="hint">Enter each reading taken today. The lowest systolic and the lowest diastolic are used (NICE NG136 1.2.2).</p>
      {readings.map((reading, index) => (
        <fieldset className="form-row reading" key={index}>
          <legend>Reading {index + 1}</legend>
          <FormField
            id={`reading-${index}-systolic`}
            label={`Reading ${index + 1} systolic (mmHg)`}
            width="narrow"
            control={(control) => (
              <input
                {...control}
                ref={index === 0 ? firstInput : undefined}
                type="number"
                inputMode="numeric"
                min={40}
                max={350}
                value={reading.systolic}
                onChange={(event) => updateReading(index, 'systolic', event.target.value)}
              />
            )}
          />
          <FormField
            id={`reading-${index}-diastolic`}
            label={`Reading ${index + 1} diastolic (mmHg)`}
            width="narrow"
            control={(control) => (
              <input
                {...control}
                type="number"
                inputMode="numeric"
                min={20}
                max={200}
                value={reading.diastolic}
                onChange={(event) => updateReading(index, 'diastolic', event.target.value)}
              />
            )}
          />
          {readings.length > 1 && (
            <button
              type="button"
              className="button button-secondary button-small reading-remove"
              onClick={() => setReadings((current) => current.filter((_, i) => i !== index))}
            >
              Remove reading {index + 1}
            </button>
          )}
        </fieldset>
      ))}
      <LowestSoFar readings={readings} />
      {readings.length < maxReadings && (
        <button type="button" className="button button-secondary" onClick={() => setReadings((current) => [...current, { systolic: '', diastolic: '' }])}>
          Add another reading
        </button>
      )}
      <fieldset className="field">
        <legend>Actions taken</legend>
        {actionOptions.map((option) => (
          <div className="checkbox" key={option.value}>
            <input
              type="checkbox"
              id={`action-${option.value}`}
              checked={actions.includes(option.value)}
              onChange={(event) =>
                setActions((current) => (event.target.checked ? [...current, option.value] : current.filter((value) => value !== option.value)))
              }
            />
            <label htmlFor={`action-${option.value}`}>{option.label}</label>
          </div>
        ))}
      </fieldset>
      <FormField
        id="visit-note"
        label="Note"
        control={(control) => <textarea {...control} rows={3} maxLength={2000} value={note} onChange={(event) => setNote(event.target.value)} />}
      />
      <ErrorAlert message={save.error} title="The visit was not saved" />
      <div className="button-row">
        <BusyButton type="submit" busy={save.busy} busyLabel="Saving visit…">
          Save visit
        </BusyButton>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  )
}

/**
 * The BP that will be used, updated as readings are typed: the same shared rule the service applies
 * (lowest systolic and lowest diastolic, NICE NG136 1.2.2), so what the pharmacist sees is what is saved.
 */
function LowestSoFar({ readings }: { readings: { systolic: string; diastolic: string }[] }) {
  const complete = readings
    .map((r) => ({ systolic: Number(r.systolic), diastolic: Number(r.diastolic) }))
    .filter((r) => r.systolic > 0 && r.diastolic > 0 && Number.isInteger(r.systolic) && Number.isInteger(r.diastolic))
  if (complete.length === 0) return null
  const lowest = lowestOfReadings(complete)
  return (
    <p className="alert alert-info" role="status" aria-live="polite">
      BP to be recorded: <strong>{`${lowest.systolic}/${lowest.diastolic}`}</strong>
      {complete.length > 1 ? ` — lowest systolic and lowest diastolic of ${complete.length} readings` : ' — one reading so far'}
    </p>
  )
}
