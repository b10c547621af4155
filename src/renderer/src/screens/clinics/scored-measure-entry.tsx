// One questionnaire scored by adding its items (PHQ-9, GAD-7, UCLA-3): not asked, answered item by
// item with the questionnaire's own answer labels, or the total from a paper form. The score and its
// band are worked out as the answers are given, by the measure's own rules, with the source of the
// bands named beside them.
import type { ReactNode } from 'react'
import { DataTable } from '../../components/data-table'
import { FormField } from '../../components/form-field'
import { totalRange, type MeasureEntry, type MeasureProblem, type ScoreBand, type ScoredMeasure } from '../../../../shared/domain/scored-measure'
import { measureEntry, type MeasureDraft } from './visit-draft'

type Score = { ok: true; total: number; band: ScoreBand<string> } | { ok: false; problems: MeasureProblem[] }

interface Props {
  /** Ids of the controls start with it: "phq9". */
  id: string
  measure: ScoredMeasure
  /** What the questionnaire is about, for the legend: "depression". */
  about: string
  /** The question every item answers: "Over the last 2 weeks, how often have you been bothered by…". */
  stem: string
  answers: readonly { score: number; label: string }[]
  draft: MeasureDraft
  onChange: (draft: MeasureDraft) => void
  score: (entry: MeasureEntry) => Score
  source: string
  /** An item that must be answered even when only the total is entered (PHQ-9 item 9). */
  alwaysAsk?: number
  error?: string | undefined
  /** Shown under the entry (the PHQ-9 risk prompt). */
  children?: ReactNode
}

interface ItemRow {
  index: number
  label: string
}

export function ScoredMeasureEntry({ id, measure, about, stem, answers, draft, onChange, score, source, alwaysAsk, error, children }: Props) {
  const range = totalRange(measure)
  const setItem = (index: number, answer: number | null) => onChange({ ...draft, items: draft.items.map((a, i) => (i === index ? answer : a)) })
  const rows: ItemRow[] = measure.itemLabels.map((label, index) => ({ index, label }))
  const entry = measureEntry(draft)
  const result = entry ? score(entry) : null
  const modes = [
    { value: 'not-asked', label: 'Not asked' },
    { value: 'items', label: 'Item by item' },
    { value: 'total', label: 'Total only (from a paper form)' }
  ] as const

  return (
    <fieldset className={`measure${error ? ' nhsuk-form-group--error' : ''}`} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>
        {measure.name} — {about}
      </legend>
      <div className="radio-row" role="radiogroup" aria-label={`How ${measure.name} is entered`}>
        {modes.map((mode) => (
          <div className="radio" key={mode.value}>
            <input
              type="radio"
              id={`${id}-mode-${mode.value}`}
              name={`${id}-mode`}
              checked={draft.mode === mode.value}
              onChange={() =>
                // A total is entered alone: only the item always asked keeps its answer.
                onChange({ ...draft, mode: mode.value, items: mode.value === 'total' ? draft.items.map((a, i) => (i === alwaysAsk ? a : null)) : draft.items })
              }
            />
            <label htmlFor={`${id}-mode-${mode.value}`}>{mode.label}</label>
          </div>
        ))}
      </div>

      {draft.mode === 'items' && (
        <DataTable<ItemRow>
          label={`${measure.name} items`}
          caption={stem}
          className="nhsuk-table--compact measure-items"
          rows={rows}
          rowKey={(row) => row.index}
          columns={[
            { id: 'item', header: 'Item', rowHeader: true, cell: (row) => `${row.index + 1}. ${row.label}` },
            ...answers.map((answer) => ({
              id: `answer-${answer.score}`,
              header: (
                <>
                  {answer.label} <span className="muted">({answer.score})</span>
                </>
              ),
              cellClassName: 'measure-answer',
              cell: (row: ItemRow) => (
                <input
                  type="radio"
                  name={`${id}-item-${row.index}`}
                  aria-label={`${measure.name} item ${row.index + 1}, ${row.label}: ${answer.label}`}
                  checked={draft.items[row.index] === answer.score}
                  onChange={() => setItem(row.index, answer.score)}
                />
              )
            }))
          ]}
        />
      )}

      {draft.mode === 'total' && (
        <div className="form-row">
          <FormField
            id={`${id}-total`}
            label={`${measure.name} total (${range.min}–${range.max})`}
            width="narrow"
            control={(control) => (
              <input
                {...control}
                type="number"
                inputMode="numeric"
                min={range.min}
                max={range.max}
                value={draft.total}
                onChange={(event) => onChange({ ...draft, total: event.target.value })}
              />
            )}
          />
          {alwaysAsk !== undefined && (
            <FormField
              id={`${id}-item-${alwaysAsk}-answer`}
              label={`${measure.name} item ${alwaysAsk + 1}: ${measure.itemLabels[alwaysAsk] ?? ''}`}
              hint="Needed with a total: an answer above 0 needs a risk assessment today."
              width="wide"
              control={(control) => (
                <select
                  {...control}
                  value={draft.items[alwaysAsk] === null || draft.items[alwaysAsk] === undefined ? '' : String(draft.items[alwaysAsk])}
                  onChange={(event) => setItem(alwaysAsk, event.target.value === '' ? null : Number(event.target.value))}
                >
                  <option value="">Not answered yet</option>
                  {answers.map((answer) => (
                    <option key={answer.score} value={answer.score}>
                      {answer.label} ({answer.score})
                    </option>
                  ))}
                </select>
              )}
            />
          )}
        </div>
      )}

      {children}

      {result && (
        <p className="measure-score" role="status" aria-live="polite">
          {result.ok ? (
            <>
              {measure.name} total <strong>{result.total}</strong>: <strong>{result.band.label}</strong> <span className="muted">({source})</span>
            </>
          ) : (
            <span className="muted">No score yet: {result.problems[0]?.message}</span>
          )}
        </p>
      )}
      {error && (
        <p className="nhsuk-error-message" id={`${id}-error`}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      )}
    </fieldset>
  )
}
