// The long-term conditions on the patient's QOF registers on the clinic day (the same register rules
// the cohorts apply), each ticked when confirmed with the patient. A condition the patient says is
// wrong is left unticked: the record keeps which were shown, so the practice can check the register.
import type { OperationOutput } from '../../../../shared/contract'
import { formatUkDate } from '../../format/uk-date'

type Condition = OperationOutput<'visits.context'>['conditions'][number]

interface Props {
  conditions: Condition[]
  confirmed: string[]
  onChange: (confirmed: string[]) => void
}

export function VisitConditions({ conditions, confirmed, onChange }: Props) {
  return (
    <fieldset className="field visit-conditions">
      <legend>Long-term conditions confirmed with the patient</legend>
      {conditions.length === 0 ? (
        <p className="muted">None: the practice’s export puts the patient on no QOF register.</p>
      ) : (
        <>
          <p className="hint">
            From the patient’s QOF registers. Tick each one the patient confirms; leave one unticked if it looks wrong and check the record.
          </p>
          {conditions.map((c) => (
            <div className="checkbox" key={c.concept}>
              <input
                type="checkbox"
                id={`condition-${c.concept}`}
                checked={confirmed.includes(c.concept)}
                onChange={(event) => onChange(event.target.checked ? [...confirmed, c.concept] : confirmed.filter((x) => x !== c.concept))}
              />
              <label htmlFor={`condition-${c.concept}`}>
                {c.name}
                <span className="muted">
                  {c.since ? ` — since ${formatUkDate(c.since)}` : ' — register flag'}
                  {c.matchedByTerm ? ' (matched by term — check)' : ''}
                </span>
              </label>
            </div>
          ))}
        </>
      )}
    </fieldset>
  )
}
