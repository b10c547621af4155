import { useState, type FormEvent, type ReactNode } from 'react'
import '../../styles/cohort-builder.css'
import { clinicalConcepts } from '../../../../shared/domain/clinical-concepts'
import { ethnicGroupIds, ethnicGroups } from '../../../../shared/domain/ethnic-groups'
import { ethnicCategories, type EthnicCategory } from '../../../../shared/domain/ethnicity'
import { invitationStateLabels, type InvitationState } from '../../../../shared/domain/invitation-state'
import { longTermConditionList } from '../../../../shared/domain/long-term-conditions'
import { api } from '../../api/client'
import { BusyButton } from '../../components/busy-button'
import { Card } from '../../components/card'
import { ErrorAlert } from '../../components/error-alert'
import { FormField } from '../../components/form-field'
import { useAsyncAction } from '../../components/use-async-action'
import {
  type BpState,
  type BuilderState,
  type CriterionKind,
  type DefinitionInfo,
  type PriorityGroup,
  type Sex,
  criterionKinds,
  emptyBuilderState,
  fromDefinition,
  toCriteria
} from './custom-criteria-form'

interface Props {
  /** Every definition listed (the built-ins' exclusions are the ones a custom cohort can choose). */
  definitions: DefinitionInfo[]
  /** The saved custom cohort to change (saved as a new version), or null for a new one. */
  editing: DefinitionInfo | null
  /** For a new one: the filled-in starting point (a copy of a built-in), else empty. */
  start?: BuilderState
  onSaved: (saved: DefinitionInfo) => void
  onCancel: () => void
}

interface Option<T> {
  value: T
  label: ReactNode
}

function CheckboxGroup<T extends string | number>(props: {
  legend: string
  id: string
  options: Option<T>[]
  selected: T[]
  onChange: (next: T[]) => void
  columns?: boolean
}) {
  const { legend, id, options, selected, onChange, columns } = props
  return (
    <fieldset className="builder-group">
      <legend>{legend}</legend>
      <div className={columns ? 'builder-options builder-columns' : 'builder-options'}>
        {options.map((option) => {
          const optionId = `${id}-${option.value}`
          return (
            <div className="checkbox" key={option.value}>
              <input
                type="checkbox"
                id={optionId}
                checked={selected.includes(option.value)}
                onChange={(event) => onChange(event.target.checked ? [...selected, option.value] : selected.filter((value) => value !== option.value))}
              />
              <label htmlFor={optionId}>{option.label}</label>
            </div>
          )
        })}
      </div>
    </fieldset>
  )
}

function NumberField(props: { id: string; label: string; value: string; onChange: (value: string) => void; min?: number; max?: number; hint?: string }) {
  return (
    <FormField
      id={props.id}
      label={props.label}
      hint={props.hint}
      width="narrow"
      control={(control) => (
        <input
          {...control}
          type="number"
          inputMode="numeric"
          min={props.min}
          max={props.max}
          value={props.value}
          onChange={(event) => props.onChange(event.target.value)}
        />
      )}
    />
  )
}

/** Every exclusion any built-in uses, in first-seen order: what a custom cohort may choose. */
function exclusionChoices(definitions: DefinitionInfo[]): DefinitionInfo['exclusions'] {
  const seen = new Map<string, DefinitionInfo['exclusions'][number]>()
  for (const d of definitions) if (d.kind === 'built-in') for (const e of d.exclusions) if (!seen.has(e.rule)) seen.set(e.rule, e)
  return [...seen.values()]
}

/**
 * The custom cohort builder: any combination of condition, age, sex, ethnicity,
 * IMD quintile, BP state and priority, months since the last BP, number of LTCs and invitation
 * state, with the exclusions to apply. Saved in the practice database; each change is a new version.
 */
export function CustomCohortBuilder({ definitions, editing, start, onSaved, onCancel }: Props) {
  const choices = exclusionChoices(definitions)
  // A new cohort starts with the exclusions every built-in shares (Time to Talk's set).
  const defaults = definitions.find((d) => d.id === 'time-to-talk')?.exclusions.map((e) => e.rule) ?? []
  const [state, setState] = useState<BuilderState>(() => (editing ? fromDefinition(editing, defaults) : (start ?? emptyBuilderState(defaults))))
  const save = useAsyncAction()
  const set = <K extends keyof BuilderState>(key: K, value: BuilderState[K]) => setState((current) => ({ ...current, [key]: value }))
  const toggleUse = (kind: CriterionKind, on: boolean) => setState((current) => ({ ...current, use: { ...current.use, [kind]: on } }))

  const submit = (event: FormEvent) => {
    event.preventDefault()
    void save.run(async () => {
      const criteria = toCriteria(state)
      if (criteria.length === 0) throw new Error('Criteria: tick at least one criterion.')
      const saved = await api['cohorts.saveCustom']({
        ...(editing ? { definition: editing.id as `custom-${number}` } : {}),
        name: state.name,
        description: state.description,
        criteria,
        exclusions: choices.map((c) => c.rule).filter((rule) => state.exclusions.includes(rule))
      })
      onSaved(saved)
    })
  }

  const controls: Record<CriterionKind, ReactNode> = {
    condition: (
      <>
        <CheckboxGroup
          legend="Conditions"
          id="builder-condition"
          columns
          options={longTermConditionList.map((c) => ({ value: c.concept, label: `${clinicalConcepts[c.concept]} (${c.concept})` }))}
          selected={state.conditions}
          onChange={(next) => set('conditions', next)}
        />
        <fieldset className="builder-group">
          <legend>Match</legend>
          {(['any', 'all'] as const).map((match) => (
            <div className="radio" key={match}>
              <input
                type="radio"
                id={`builder-match-${match}`}
                name="builder-match"
                checked={state.conditionMatch === match}
                onChange={() => set('conditionMatch', match)}
              />
              <label htmlFor={`builder-match-${match}`}>{match === 'any' ? 'Any of the ticked conditions' : 'All of the ticked conditions'}</label>
            </div>
          ))}
        </fieldset>
      </>
    ),
    age: (
      <div className="form-row">
        <NumberField id="builder-age-min" label="Lowest age" value={state.ageMin} onChange={(v) => set('ageMin', v)} min={0} max={130} />
        <NumberField
          id="builder-age-max"
          label="Highest age"
          value={state.ageMax}
          onChange={(v) => set('ageMax', v)}
          min={0}
          max={130}
          hint="Both inclusive; leave one empty for no limit. Age on the as-of date."
        />
      </div>
    ),
    sex: (
      <CheckboxGroup<Sex>
        legend="Sex"
        id="builder-sex"
        options={[
          { value: 'F', label: 'Female' },
          { value: 'M', label: 'Male' },
          { value: 'U', label: 'Unknown' },
          { value: 'I', label: 'Indeterminate' }
        ]}
        selected={state.sexes}
        onChange={(next) => set('sexes', next)}
      />
    ),
    ethnicity: (
      <>
        <CheckboxGroup
          legend="Broad groups (all their categories)"
          id="builder-group"
          options={ethnicGroupIds.map((g) => ({ value: g, label: `${ethnicGroups[g].label} (${ethnicGroups[g].categories.join(', ')})` }))}
          selected={state.groups}
          onChange={(next) => set('groups', next)}
        />
        <CheckboxGroup<EthnicCategory>
          legend="Or single categories (NHS Data Dictionary)"
          id="builder-category"
          columns
          options={(Object.keys(ethnicCategories) as EthnicCategory[]).map((k) => ({ value: k, label: `${k} – ${ethnicCategories[k]}` }))}
          selected={state.categories}
          onChange={(next) => set('categories', next)}
        />
        <p className="hint">Unmapped or unrecorded ethnicity never matches; the why panel says so.</p>
      </>
    ),
    'imd-quintile': (
      <>
        <CheckboxGroup
          legend="IMD quintile"
          id="builder-imd"
          options={[1, 2, 3, 4, 5].map((q) => ({ value: q, label: `${q}${q === 1 ? ' — most deprived (Core20)' : q === 5 ? ' — least deprived' : ''}` }))}
          selected={state.quintiles}
          onChange={(next) => set('quintiles', next)}
        />
        <p className="hint">From the IMD decile of the patient’s area (deciles 1–2 = quintile 1). Patients with no IMD are not matched.</p>
      </>
    ),
    'bp-state': (
      <CheckboxGroup<BpState>
        legend="Current BP"
        id="builder-bp"
        options={[
          { value: 'above-target', label: 'Above target' },
          { value: 'at-target', label: 'At target' },
          { value: 'no-reading', label: 'No reading in the last 12 months' }
        ]}
        selected={state.bpStates}
        onChange={(next) => set('bpStates', next)}
      />
    ),
    priority: (
      <CheckboxGroup<PriorityGroup>
        legend="Priority group (above target only)"
        id="builder-priority"
        options={[
          { value: 'P1', label: 'P1 severe' },
          { value: 'P2', label: 'P2 stage 2' },
          { value: 'P3', label: 'P3 higher risk' },
          { value: 'P4', label: 'P4 other' }
        ]}
        selected={state.priorities}
        onChange={(next) => set('priorities', next)}
      />
    ),
    'last-reading': (
      <>
        <div className="form-row">
          <NumberField id="builder-last-min" label="At least (months)" value={state.lastMin} onChange={(v) => set('lastMin', v)} min={0} />
          <NumberField
            id="builder-last-max"
            label="At most (months)"
            value={state.lastMax}
            onChange={(v) => set('lastMax', v)}
            min={0}
            hint="Completed months since the latest BP, to the as-of date."
          />
        </div>
        <div className="checkbox">
          <input type="checkbox" id="builder-last-never" checked={state.includeNoReading} onChange={(event) => set('includeNoReading', event.target.checked)} />
          <label htmlFor="builder-last-never">Include patients with no BP ever recorded</label>
        </div>
      </>
    ),
    'ltc-count': (
      <NumberField
        id="builder-ltc"
        label="At least (conditions)"
        value={state.ltcAtLeast}
        onChange={(v) => set('ltcAtLeast', v)}
        min={1}
        max={17}
        hint="Conditions on QOF registers."
      />
    ),
    invitation: (
      <CheckboxGroup<InvitationState>
        legend="Invitation state"
        id="builder-invitation"
        options={(Object.keys(invitationStateLabels) as InvitationState[]).map((s) => ({ value: s, label: invitationStateLabels[s] }))}
        selected={state.invitationStates}
        onChange={(next) => set('invitationStates', next)}
      />
    )
  }

  return (
    <Card title={editing ? `Change custom cohort: ${editing.name}` : 'New custom cohort'}>
      <form className="form builder" onSubmit={submit} noValidate>
        <p className="hint">
          Tick the criteria to use; a patient must meet every ticked one. Saved in this practice’s database
          {editing ? ` as version ${editing.version + 1}; snapshots built with version ${editing.version} keep it.` : '.'}
        </p>
        <div className="form-row">
          <FormField
            id="builder-name"
            label="Name"
            width="wide"
            control={(control) => <input {...control} type="text" value={state.name} maxLength={80} onChange={(event) => set('name', event.target.value)} />}
          />
          <FormField
            id="builder-description"
            label="Description (optional)"
            width="wide"
            control={(control) => (
              <input {...control} type="text" value={state.description} maxLength={400} onChange={(event) => set('description', event.target.value)} />
            )}
          />
        </div>

        <h3>Criteria</h3>
        <div className="builder-criteria">
          {criterionKinds.map(({ kind, label }) => (
            <div className={state.use[kind] ? 'builder-criterion builder-criterion-on' : 'builder-criterion'} key={kind}>
              <div className="checkbox builder-criterion-title">
                <input type="checkbox" id={`builder-use-${kind}`} checked={state.use[kind]} onChange={(event) => toggleUse(kind, event.target.checked)} />
                <label htmlFor={`builder-use-${kind}`}>{label}</label>
              </div>
              {state.use[kind] && <div className="builder-criterion-body">{controls[kind]}</div>}
            </div>
          ))}
        </div>

        <h3>Exclusions</h3>
        <CheckboxGroup
          legend="Exclude patients who are…"
          id="builder-exclusion"
          options={choices.map((e) => ({
            value: e.rule,
            label: (
              <>
                {e.label}
                {e.qofOnly && <span className="nhsuk-tag nhsuk-tag--white tag-inline">QOF mode only</span>} <span className="source">{e.source}</span>
              </>
            )
          }))}
          selected={state.exclusions}
          onChange={(next) => set('exclusions', next)}
        />

        <div className="button-row">
          <BusyButton type="submit" busy={save.busy} busyLabel="Saving…">
            {editing ? 'Save as a new version' : 'Save custom cohort'}
          </BusyButton>
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
        <ErrorAlert message={save.error} title="The custom cohort could not be saved" />
      </form>
    </Card>
  )
}
