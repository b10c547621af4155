// ONS4 personal well-being: four questions, each 0 ("not at all") to 10 ("completely"), each read in
// its own ONS thresholds as it is typed. They are four measures, never added up; one left blank was
// not answered.
import { FormField } from '../../components/form-field'
import { ONS4_MAX, ONS4_MIN, ons4Band, ons4Questions, type Ons4Question } from '../../../../shared/domain/ons4'
import { visitMeasureSources } from '../../../../shared/domain/visit-measures'
import { numberOrNull, type Ons4Draft } from './visit-draft'

interface Props {
  draft: Ons4Draft
  onChange: (draft: Ons4Draft) => void
  errorFor: (question: Ons4Question) => string | undefined
  error?: string | undefined
}

function bandText(question: Ons4Question, text: string): string | null {
  const score = numberOrNull(text)
  if (score === null || !Number.isInteger(score) || score < ONS4_MIN || score > ONS4_MAX) return null
  return ons4Band(question, score).label
}

export function Ons4Entry({ draft, onChange, errorFor, error }: Props) {
  return (
    <fieldset className={`measure${error ? ' nhsuk-form-group--error' : ''}`}>
      <legend>ONS4 — personal well-being</legend>
      <div className="checkbox">
        <input type="checkbox" id="ons4-asked" checked={draft.asked} onChange={(event) => onChange({ ...draft, asked: event.target.checked })} />
        <label htmlFor="ons4-asked">Asked the four ONS well-being questions</label>
      </div>
      {draft.asked && (
        <>
          <p className="hint">Each from 0 (not at all) to 10 (completely). Leave one blank if the patient chose not to answer it.</p>
          <div className="ons4-grid">
            {ons4Questions.map((q) => {
              const band = bandText(q.id, draft.answers[q.id])
              return (
                <FormField
                  key={q.id}
                  id={`ons4-${q.id}`}
                  label={`${q.label} (0–10)`}
                  hint={
                    <>
                      {q.wording}
                      {band && (
                        <>
                          {' '}
                          <strong className="ons4-band">{band}</strong>
                          {q.id === 'anxiety' ? ' (higher is worse)' : ''}
                        </>
                      )}
                    </>
                  }
                  error={errorFor(q.id)}
                  control={(control) => (
                    <input
                      {...control}
                      type="number"
                      inputMode="numeric"
                      min={ONS4_MIN}
                      max={ONS4_MAX}
                      value={draft.answers[q.id]}
                      onChange={(event) => onChange({ ...draft, answers: { ...draft.answers, [q.id]: event.target.value } })}
                    />
                  )}
                />
              )
            })}
          </div>
          <p className="muted measure-source">{visitMeasureSources.ons4.short}</p>
        </>
      )}
      {error && <p className="nhsuk-error-message">{error}</p>}
    </fieldset>
  )
}
