// The Time to Talk review form: what matters to the patient first, then the questionnaires asked
// (PHQ-9, GAD-7, ONS4, UCLA-3), each scored as it is answered, and a BP if one was taken (not
// needed). PHQ-9 item 9 answered above 0 raises the same-day risk prompt at once, under PHQ-9 (the
// container makes it, and keeps a reminder of it in view).
import type { ReactNode, RefObject } from 'react'
import { FormField } from '../../components/form-field'
import { gad7, gad7Answers, scoreGad7 } from '../../../../shared/domain/gad7'
import { PHQ9_ITEM9_INDEX, phq9, scorePhq9, twoWeekFrequencyAnswers } from '../../../../shared/domain/phq9'
import { scoreUcla3, ucla3, ucla3Answers } from '../../../../shared/domain/ucla3'
import { visitMeasureSources } from '../../../../shared/domain/visit-measures'
import type { VisitProblem } from '../../../../shared/domain/visit-forms'
import { wellbeingConcerns } from '../../../../shared/domain/wellbeing-concerns'
import { Ons4Entry } from './ons4-entry'
import { ScoredMeasureEntry } from './scored-measure-entry'
import { problemsAt, type TimeToTalkDraft } from './visit-draft'
import { VisitReadings } from './visit-readings'

interface Props {
  draft: TimeToTalkDraft
  onChange: (draft: TimeToTalkDraft) => void
  problems: readonly VisitProblem[]
  firstInput: RefObject<HTMLInputElement | null>
  /** The same-day risk prompt, shown under PHQ-9 the moment item 9 is answered above 0. */
  riskPrompt: ReactNode
}

export function TimeToTalkVisitForm({ draft, onChange, problems, firstInput, riskPrompt }: Props) {
  const errorAt = (field: string) => problemsAt(problems, field)[0]?.message
  const set = (change: Partial<TimeToTalkDraft>) => onChange({ ...draft, ...change })

  return (
    <div className="visit-sections">
      <section className="visit-section" aria-labelledby="concerns-heading">
        <h4 id="concerns-heading">What matters to the patient</h4>
        <fieldset className={`field concerns${errorAt('concerns') ? ' nhsuk-form-group--error' : ''}`}>
          <legend>What they want to talk about</legend>
          <div className="checkbox-columns">
            {wellbeingConcerns.map((concern, i) => (
              <div className="checkbox" key={concern.id}>
                <input
                  ref={i === 0 ? firstInput : undefined}
                  type="checkbox"
                  id={`concern-${concern.id}`}
                  checked={draft.concerns.includes(concern.id)}
                  onChange={(event) =>
                    set({ concerns: event.target.checked ? [...draft.concerns, concern.id] : draft.concerns.filter((c) => c !== concern.id) })
                  }
                />
                <label htmlFor={`concern-${concern.id}`}>{concern.label}</label>
              </div>
            ))}
          </div>
          {draft.concerns.includes('other') && (
            <FormField
              id="concern-other"
              label="In the patient’s words"
              error={errorAt('otherConcern')}
              control={(control) => (
                <input {...control} type="text" maxLength={200} value={draft.otherConcern} onChange={(event) => set({ otherConcern: event.target.value })} />
              )}
            />
          )}
        </fieldset>
      </section>

      <section className="visit-section" aria-labelledby="questionnaires-heading">
        <h4 id="questionnaires-heading">Questionnaires</h4>
        <ScoredMeasureEntry
          id="phq9"
          measure={phq9}
          about="depression"
          stem="Over the last 2 weeks, how often have you been bothered by any of the following problems?"
          answers={twoWeekFrequencyAnswers}
          draft={draft.phq9}
          onChange={(phq9Draft) => set({ phq9: phq9Draft })}
          score={scorePhq9}
          source={visitMeasureSources.phq9.short}
          alwaysAsk={PHQ9_ITEM9_INDEX}
          error={errorAt('phq9')}
        >
          {riskPrompt}
        </ScoredMeasureEntry>
        <ScoredMeasureEntry
          id="gad7"
          measure={gad7}
          about="anxiety"
          stem="Over the last 2 weeks, how often have you been bothered by the following problems?"
          answers={gad7Answers}
          draft={draft.gad7}
          onChange={(gad7Draft) => set({ gad7: gad7Draft })}
          score={scoreGad7}
          source={visitMeasureSources.gad7.short}
          error={errorAt('gad7')}
        />
        <Ons4Entry
          draft={draft.ons4}
          onChange={(ons4) => set({ ons4 })}
          errorFor={(q) => errorAt(`ons4.${q}`)}
          error={problemsAt(problems, 'ons4').find((p) => p.field === 'ons4')?.message}
        />
        <ScoredMeasureEntry
          id="ucla3"
          measure={ucla3}
          about="loneliness"
          stem="Each question as the patient answers it"
          answers={ucla3Answers}
          draft={draft.ucla3}
          onChange={(ucla3Draft) => set({ ucla3: ucla3Draft })}
          score={scoreUcla3}
          source={visitMeasureSources.ucla3.short}
          error={errorAt('ucla3')}
        />
      </section>

      <section className="visit-section" aria-labelledby="ttt-bp-heading">
        <h4 id="ttt-bp-heading">Blood pressure (if taken)</h4>
        <VisitReadings
          readings={draft.readings}
          onChange={(readings) => set({ readings })}
          error={errorAt('readings')}
          hint="No BP is needed at a Time to Talk review. If one was taken, enter it: the lowest systolic and lowest diastolic are used."
        />
      </section>
    </div>
  )
}
