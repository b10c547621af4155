// The BP readings taken at the visit, with the BP that will be recorded worked out as they are typed
// (lowest systolic and lowest diastolic, NICE NG136 1.2.2: the rule the service applies).
import type { RefObject } from 'react'
import { FormField } from '../../components/form-field'
import { lowestOfReadings } from '../../../../shared/domain/current-bp'
import { emptyReading, type ReadingDraft } from './visit-draft'

const maxReadings = 6

interface Props {
  readings: ReadingDraft[]
  onChange: (readings: ReadingDraft[]) => void
  /** The problem with the readings as a whole or with one of them, shown beside the first box. */
  error?: string | undefined
  disabled?: boolean
  firstInput?: RefObject<HTMLInputElement | null>
  hint: string
}

export function VisitReadings({ readings, onChange, error, disabled = false, firstInput, hint }: Props) {
  const update = (index: number, field: 'systolic' | 'diastolic', value: string) =>
    onChange(readings.map((reading, i) => (i === index ? { ...reading, [field]: value } : reading)))

  return (
    <div className="visit-readings">
      <p className="hint">{hint}</p>
      {readings.map((reading, index) => (
        <fieldset className="form-row reading" key={index} disabled={disabled}>
          <legend>Reading {index + 1}</legend>
          <FormField
            id={`reading-${index}-systolic`}
            label={`Reading ${index + 1} systolic (mmHg)`}
            width="narrow"
            error={index === 0 ? error : undefined}
            control={(control) => (
              <input
                {...control}
                ref={index === 0 ? firstInput : undefined}
                type="number"
                inputMode="numeric"
                min={40}
                max={350}
                value={reading.systolic}
                onChange={(event) => update(index, 'systolic', event.target.value)}
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
                onChange={(event) => update(index, 'diastolic', event.target.value)}
              />
            )}
          />
          {readings.length > 1 && (
            <button
              type="button"
              className="nhsuk-button nhsuk-button--secondary nhsuk-button--small reading-remove"
              onClick={() => onChange(readings.filter((_, i) => i !== index))}
            >
              Remove reading {index + 1}
            </button>
          )}
        </fieldset>
      ))}
      <LowestSoFar readings={readings} />
      {readings.length < maxReadings && !disabled && (
        <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => onChange([...readings, emptyReading()])}>
          {readings.length === 0 ? 'Add a BP reading' : 'Add another reading'}
        </button>
      )}
    </div>
  )
}

/** The BP that will be used, as the readings are typed: what the pharmacist sees is what is saved. */
function LowestSoFar({ readings }: { readings: ReadingDraft[] }) {
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
