// The switches a definition offers before it is built (the pharmacist-led cohort's mixed D/E
// categories, Time to Talk's number of conditions). Each change previews the cohort shown at once.
import { FormField } from '../../components/form-field'
import type { BuildParams } from './build-params'
import type { DefinitionInfo } from './custom-criteria-form'

/** A whole number from 1 to 17 (the long-term conditions counted). */
export function thresholdIsValid(text: string): boolean {
  return /^\d+$/.test(text.trim()) && Number(text) >= 1 && Number(text) <= 17
}

interface Props {
  switches: DefinitionInfo['switches']
  params: BuildParams
  /** The threshold as typed: it may be invalid for a moment, and is then not applied. */
  thresholdText: string
  onMixedChange: (include: boolean) => void
  onThresholdChange: (text: string) => void
}

export function CohortBuildSettings({ switches, params, thresholdText, onMixedChange, onThresholdChange }: Props) {
  if (!switches.includeMixedBlackCategories && !switches.conditionThreshold) return null
  const thresholdInvalid = !thresholdIsValid(thresholdText)
  return (
    <fieldset className="build-settings">
      <legend>Settings for this cohort</legend>
      {switches.includeMixedBlackCategories && (
        <div className="checkbox">
          <input
            type="checkbox"
            id="include-mixed-black"
            checked={params.includeMixedBlackCategories}
            onChange={(event) => onMixedChange(event.target.checked)}
          />
          <label htmlFor="include-mixed-black">
            Also include Mixed White and Black Caribbean (D) and Mixed White and Black African (E){' '}
            <span className="hint">— off by default: the cohort takes Black Caribbean (M), Black African (N) and other Black background (P)</span>
          </label>
        </div>
      )}
      {switches.conditionThreshold && (
        <FormField
          id="condition-threshold"
          label="Minimum number of long-term conditions"
          width="narrow"
          // While the value is wrong the message takes the hint's place, as it always has.
          hint={thresholdInvalid ? undefined : '2 by default (NICE NG56: two or more is multimorbidity).'}
          error={thresholdInvalid ? 'Enter a whole number from 1 to 17.' : undefined}
          control={(control) => (
            <input
              {...control}
              type="number"
              inputMode="numeric"
              min={1}
              max={17}
              value={thresholdText}
              onChange={(event) => onThresholdChange(event.target.value)}
            />
          )}
        />
      )}
      <p className="hint">Changing a setting previews the cohort shown below straight away (unsaved until you save it).</p>
    </fieldset>
  )
}
