// "Start a programme": its name, the cohort definition that says who is eligible, the clinic types
// it books into, the letter it invites with, its follow-up interval, what its audit reports and
// when it starts. Choosing the cohort fills in that cohort's usual clinic type, letter and outcome
// (the same defaults the service uses), which the practice may change before starting.
import { useCallback, useEffect, useState, type FormEvent } from 'react'
import type { OperationOutput } from '../../../../shared/contract'
import { builtInClinicTypes, clinicTypeKey } from '../../../../shared/domain/clinic-types'
import { programmeDefaultsFor, programmeNameProblem, programmeOutcomeLabels, type ProgrammeOutcome } from '../../../../shared/domain/programme'
import { api } from '../../api/client'
import { BusyButton } from '../../components/busy-button'
import { Card } from '../../components/card'
import { ErrorAlert } from '../../components/error-alert'
import { ErrorSummary } from '../../components/error-summary'
import { FormField } from '../../components/form-field'
import { useAsyncAction } from '../../components/use-async-action'
import { useLoad } from '../../components/use-load'
import { todayIso } from '../../format/uk-date'
import type { DefinitionId } from '../cohorts/build-params'

type Programme = OperationOutput<'programmes.create'>

interface Props {
  /** Names of the open programmes: a new one may not share one. */
  openNames: string[]
  onStarted: (programme: Programme) => void
}

/** The control each field's problem links to, where its id is not `programme-<field>`. */
const fieldIds: Record<string, string> = { clinicTypes: 'other-type', followUpWeeks: 'follow-up', startDate: 'start' }

interface FieldErrors {
  name?: string
  definition?: string
  clinicTypes?: string
  followUpWeeks?: string
  startDate?: string
}

/** Blank, or a whole number of weeks from 4 to 12 (what the service accepts). */
function followUpProblem(text: string): string | undefined {
  if (text.trim() === '') return undefined
  const weeks = Number(text)
  return Number.isInteger(weeks) && weeks >= 4 && weeks <= 12 ? undefined : 'Enter a whole number of weeks from 4 to 12, or leave it blank.'
}

export function StartProgrammeForm({ openNames, onStarted }: Props) {
  const options = useLoad(async () => {
    const [definitions, templates, intervals] = await Promise.all([
      api['cohorts.definitions']({}),
      api['templates.list']({}),
      api['clinics.followUpIntervals']({})
    ])
    return { definitions: definitions.definitions, templates: templates.templates, clinicTypes: intervals.types.map((t) => t.type) }
  }, [])
  const [name, setName] = useState('')
  const [definition, setDefinition] = useState<DefinitionId | ''>('')
  const [clinicTypes, setClinicTypes] = useState<string[]>([])
  const [otherType, setOtherType] = useState('')
  const [templateId, setTemplateId] = useState('')
  const [followUpWeeks, setFollowUpWeeks] = useState('')
  const [outcome, setOutcome] = useState<ProgrammeOutcome>('bp')
  const [startDate, setStartDate] = useState(todayIso())
  const [errors, setErrors] = useState<FieldErrors>({})
  // Counts the presses of Start: each one with problems brings the error summary into view with focus.
  const [attempts, setAttempts] = useState(0)
  const start = useAsyncAction()

  const definitions = options.data?.definitions ?? []
  const templates = options.data?.templates ?? []
  // The built-in types, then the practice's own (from the follow-up interval list), each once.
  const knownTypes = [...builtInClinicTypes.map((t) => t.type as string), ...(options.data?.clinicTypes ?? [])].filter(
    (type, index, all) => all.findIndex((other) => clinicTypeKey(other) === clinicTypeKey(type)) === index
  )

  const chooseDefinition = useCallback((id: DefinitionId) => {
    setDefinition(id)
    const defaults = programmeDefaultsFor(id)
    setClinicTypes(defaults.clinicTypes)
    setTemplateId(defaults.templateIds[0] ?? '')
    setOutcome(defaults.outcome)
    setErrors((current) => ({ ...current, definition: undefined }))
  }, [])

  useEffect(() => {
    const first = options.data?.definitions[0]
    if (definition === '' && first) chooseDefinition(first.id)
  }, [options.data, definition, chooseDefinition])

  const toggleType = (type: string, on: boolean) =>
    setClinicTypes((current) => (on ? [...current, type] : current.filter((t) => clinicTypeKey(t) !== clinicTypeKey(type))))

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const types = [...clinicTypes, ...(otherType.trim() ? [otherType.trim()] : [])]
    const found: FieldErrors = {
      name: programmeNameProblem(name, openNames) ?? undefined,
      definition: definition === '' ? 'Choose the cohort that says who is eligible.' : undefined,
      clinicTypes: types.length === 0 ? 'Tick at least one clinic type, or type your own.' : types.length > 10 ? 'Choose at most 10 clinic types.' : undefined,
      followUpWeeks: followUpProblem(followUpWeeks),
      startDate: /^\d{4}-\d{2}-\d{2}$/.test(startDate) ? undefined : 'Enter the date the programme starts.'
    }
    setErrors(found)
    setAttempts((count) => count + 1)
    if (Object.values(found).some(Boolean) || definition === '') return
    void start.run(async () => {
      const created = await api['programmes.create']({
        name: name.trim(),
        definition,
        clinicTypes: types,
        ...(templateId ? { templateIds: [templateId] } : {}),
        followUpWeeks: followUpWeeks.trim() === '' ? null : Number(followUpWeeks),
        outcome,
        startDate
      })
      setName('')
      setOtherType('')
      setFollowUpWeeks('')
      onStarted(created)
    })
  }

  const problems = Object.entries(errors).filter(([, message]) => message)

  return (
    <Card title="Start a programme">
      <p className="muted">
        A programme is one clinic project, run and audited on its own: its cohort says who is eligible, its clinics and letters how they are seen and invited.
      </p>
      <ErrorAlert message={options.error} title="The choices for a programme could not be loaded" />
      <ErrorSummary
        title="The programme was not started"
        problems={problems.map(([field, message]) => ({ message: message as string, fieldId: `programme-${fieldIds[field] ?? field}` }))}
        focusOn={attempts}
      />
      <form className="form" onSubmit={submit} noValidate aria-label="Start a programme">
        <div className="form-row">
          <FormField
            id="programme-name"
            label="Programme name"
            width="wide"
            hint="What the practice calls it, e.g. “Pharmacist BP review 2026”."
            error={errors.name}
            control={(control) => <input {...control} type="text" value={name} maxLength={120} onChange={(event) => setName(event.target.value)} />}
          />
          <FormField
            id="programme-start"
            label="Start date"
            error={errors.startDate}
            control={(control) => <input {...control} type="date" value={startDate} onChange={(event) => setStartDate(event.target.value)} />}
          />
        </div>
        <div className="form-row">
          <FormField
            id="programme-definition"
            label="Cohort (who is eligible)"
            width="wide"
            error={errors.definition}
            hint={definitions.find((d) => d.id === definition)?.description}
            control={(control) => (
              <select {...control} value={definition} onChange={(event) => chooseDefinition(event.target.value as DefinitionId)}>
                {definition === '' && <option value="">Choose a cohort…</option>}
                {definitions.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                    {d.kind === 'custom' ? ` (custom, version ${d.version})` : ''}
                  </option>
                ))}
              </select>
            )}
          />
        </div>
        <fieldset
          className={`field${errors.clinicTypes ? ' nhsuk-form-group--error' : ''}`}
          aria-describedby={errors.clinicTypes ? 'programme-types-hint programme-types-error' : 'programme-types-hint'}
        >
          <legend>Clinic types it books into</legend>
          <p className="hint" id="programme-types-hint">
            Ticked for the chosen cohort; tick others, or type the practice’s own.
          </p>
          {errors.clinicTypes && (
            <p className="nhsuk-error-message" id="programme-types-error">
              <span className="visually-hidden">Error: </span>
              {errors.clinicTypes}
            </p>
          )}
          <div className="checkbox-columns">
            {knownTypes.map((type, index) => (
              <div className="checkbox" key={type}>
                <input
                  type="checkbox"
                  id={`programme-type-${index}`}
                  checked={clinicTypes.some((t) => clinicTypeKey(t) === clinicTypeKey(type))}
                  onChange={(event) => toggleType(type, event.target.checked)}
                />
                <label htmlFor={`programme-type-${index}`}>{type}</label>
              </div>
            ))}
          </div>
          <FormField
            id="programme-other-type"
            label="Another clinic type (optional)"
            control={(control) => <input {...control} type="text" value={otherType} maxLength={80} onChange={(event) => setOtherType(event.target.value)} />}
          />
        </fieldset>
        <div className="form-row">
          <FormField
            id="programme-template"
            label="Letter template"
            width="wide"
            hint="The first invitation’s letter; reminders use the reminder letters. Edit the wording on the Invitations screen."
            control={(control) => (
              <select {...control} value={templateId} onChange={(event) => setTemplateId(event.target.value)}>
                {templates.length === 0 && <option value="">Loading…</option>}
                {templates.map((t) => (
                  <option key={t.key} value={t.key}>
                    {t.name}
                  </option>
                ))}
              </select>
            )}
          />
          <FormField
            id="programme-follow-up"
            label="Follow-up after (weeks)"
            width="narrow"
            hint="Leave blank for each clinic type’s interval."
            error={errors.followUpWeeks}
            control={(control) => (
              <input
                {...control}
                type="number"
                inputMode="numeric"
                min={4}
                max={12}
                value={followUpWeeks}
                onChange={(event) => setFollowUpWeeks(event.target.value)}
              />
            )}
          />
        </div>
        <fieldset className="field">
          <legend>What its audit reports</legend>
          {(Object.keys(programmeOutcomeLabels) as ProgrammeOutcome[]).map((value) => (
            <div className="radio" key={value}>
              <input type="radio" id={`programme-outcome-${value}`} name="programme-outcome" checked={outcome === value} onChange={() => setOutcome(value)} />
              <label htmlFor={`programme-outcome-${value}`}>{programmeOutcomeLabels[value]}</label>
            </div>
          ))}
        </fieldset>
        <BusyButton type="submit" busy={start.busy} busyLabel="Starting…" disabled={!options.data}>
          Start programme
        </BusyButton>
        <ErrorAlert message={start.error} title="The programme was not started" />
      </form>
    </Card>
  )
}
