import { useEffect, useMemo, useState, type FormEvent } from 'react'
import { useReveal } from '../../components/use-reveal'
import '../../styles/cohort-builder.css'
import type { CohortSnapshotT } from '../../../../shared/contract'
import { api } from '../../api/client'
import { BusyButton } from '../../components/busy-button'
import { Card } from '../../components/card'
import { ErrorAlert } from '../../components/error-alert'
import { FormField } from '../../components/form-field'
import { useAsyncAction } from '../../components/use-async-action'
import { useLoad } from '../../components/use-load'
import { todayIso } from '../../format/uk-date'
import { useCohortStore } from '../../stores/cohort-store'
import { useProgrammeStore } from '../../stores/programme-store'
import type { ProgrammeWithProgress } from '../programmes/programme-types'
import { type BuildParams, type DefinitionId, defaultParams, type Mode, paramsOf, paramsOfProgramme } from './build-params'
import { CohortBuildSettings, thresholdIsValid } from './cohort-build-settings'
import { CohortView } from './cohort-view'
import { CustomCohortBuilder } from './custom-cohort-builder'
import { DefinitionSummary } from './definition-summary'
import { type BuilderState, type DefinitionInfo, fromBuiltIn } from './custom-criteria-form'
import { PreviousSnapshots } from './previous-snapshots'
import { programmeForBuild } from './build-programme'
import { ProgrammePicker } from './programme-picker'
import { type ShownCohort, shownSnapshot } from './shown-cohort'
import { type BuildInput, useCohortPreview } from './use-cohort-preview'
import { AsOfHint } from './as-of-hint'
import { EmptyBuildConfirm, EmptyCohortReason, emptyBuildRefusal } from './empty-build'

export function CohortsScreen() {
  const definitions = useLoad(() => api['cohorts.definitions']({}), [])
  const { current, setCurrent } = useCohortStore()
  const { buildFor, setBuildFor } = useProgrammeStore()
  const [definition, setDefinition] = useState<DefinitionId | ''>('')
  const [asOf, setAsOf] = useState(todayIso())
  const [mode, setMode] = useState<Mode>('qof')
  const [params, setParams] = useState<BuildParams>(defaultParams)
  const [thresholdText, setThresholdText] = useState('2')
  const [snapshotsVersion, setSnapshotsVersion] = useState(0)
  // Counts the builds stored in this visit: each brings the cohort shown into view with focus.
  const [built, setBuilt] = useState<number | null>(null)
  const builtRef = useReveal<HTMLDivElement>(built)
  // Re-read after each build: a build with no open programme on its definition starts one.
  const programmes = useLoad(() => api['programmes.list']({}), [snapshotsVersion])
  const [builder, setBuilder] = useState<{ editing: DefinitionInfo | null; start?: BuilderState } | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [confirmArchive, setConfirmArchive] = useState(false)
  // A build refused because it would be empty: its input and why, until saved anyway or let go.
  const [emptyBuild, setEmptyBuild] = useState<{ input: BuildInput; reason: string } | null>(null)
  const build = useAsyncAction()
  const save = useAsyncAction()
  const archive = useAsyncAction()
  // A live change shows an unsaved preview (cohorts.preview); saving makes it the current snapshot.
  const live = useCohortPreview({ definition, asOf, mode, params })
  const preview = live.preview
  // Worked out once per snapshot (it counts priority groups over every member), not on every render.
  const savedShown = useMemo(() => (current ? shownSnapshot(current) : null), [current])
  const shown: ShownCohort | null = preview ?? savedShown

  const all = definitions.data?.definitions ?? []
  const builtIns = all.filter((item) => item.kind === 'built-in')
  const customs = all.filter((item) => item.kind === 'custom')
  const chosen = all.find((item) => item.id === definition)
  // Null until listed (an error lists none, so building still works and the service decides).
  const openProgrammes = useMemo(
    () => (programmes.data ? programmes.data.programmes.filter((p) => p.status === 'active') : programmes.error ? [] : null),
    [programmes.data, programmes.error]
  )
  const target = programmeForBuild(definition, buildFor, openProgrammes)
  const targetId = target.kind === 'programme' ? target.programme.programmeId : null

  // The first definition shown: the chosen programme's, else the first listed. It waits for the
  // programmes, so the switches start as the programme builds them.
  useEffect(() => {
    const first = definitions.data?.definitions[0]
    if (definition !== '' || !first || openProgrammes === null) return
    const picked = openProgrammes.find((p) => p.programmeId === buildFor)
    const id = picked && definitions.data?.definitions.some((d) => d.id === picked.definition) ? (picked.definition as DefinitionId) : first.id
    setDefinition(id)
    const start = programmeForBuild(id, buildFor, openProgrammes)
    const startParams = start.kind === 'programme' ? paramsOfProgramme(start.programme) : defaultParams
    setParams(startParams)
    setThresholdText(String(startParams.conditionThreshold))
  }, [definitions.data, definition, openProgrammes, buildFor])

  /** Change build parameters; the cohort on screen is previewed with them when it is of this definition. */
  const changeParams = (patch: Partial<BuildParams>) => {
    setParams((currentParams) => ({ ...currentParams, ...patch }))
    if (shown && shown.definition === definition) live.requestPreview()
  }

  /** Choose a definition: the build goes to the programme picked if it builds it, else as programmeForBuild says; the switches start as that programme's. */
  const chooseDefinition = (id: DefinitionId, picked: number | null = buildFor) => {
    const next = programmeForBuild(id, picked, openProgrammes)
    const nextParams = next.kind === 'programme' ? paramsOfProgramme(next.programme) : defaultParams
    setDefinition(id)
    setBuildFor(next.kind === 'programme' ? next.programme.programmeId : null)
    setParams(nextParams)
    setThresholdText(String(nextParams.conditionThreshold))
    setConfirmArchive(false)
    setNotice(null)
  }

  /** Choose a programme: its cohort definition comes with it. */
  const pickProgramme = (programme: ProgrammeWithProgress | null) => {
    if (!programme) {
      setBuildFor(null)
      return
    }
    live.clearPreview()
    chooseDefinition(programme.definition as DefinitionId, programme.programmeId)
  }

  /** The build's programme, or a refusal in words while the user must still choose one. */
  const programmeInput = (): { programmeId?: number } => {
    if (target.kind === 'choose') throw new Error(`Programme: ${target.count} open programmes build this cohort; choose which one this build is for.`)
    return targetId === null ? {} : { programmeId: targetId }
  }

  const openSnapshot = (snapshot: CohortSnapshotT) => {
    live.clearPreview()
    setCurrent(snapshot)
    setDefinition(snapshot.definition)
    setBuildFor(snapshot.programmeId)
    setAsOf(snapshot.asOf)
    setMode(snapshot.mode)
    const opened = paramsOf(snapshot)
    setParams(opened)
    setThresholdText(String(opened.conditionThreshold))
  }

  // The switches belong to the cohort shown. While the form still describes that build, its settings
  // (with any switches just changed and not yet rebuilt) are what the switches show; otherwise the
  // snapshot's own.
  const formDescribesCurrent = shown !== null && shown.definition === definition && shown.asOf === asOf && shown.mode === mode
  const shownDisabled = formDescribesCurrent ? params.disabledExclusions : shown ? paramsOf(shown).disabledExclusions : []

  const toggleExclusion = (rule: string, applied: boolean) => {
    if (!shown) return
    // Preview the cohort shown again: same definition, date and mode, with this one switch changed.
    const base = formDescribesCurrent ? null : paramsOf(shown)
    setDefinition(shown.definition)
    setAsOf(shown.asOf)
    setMode(shown.mode)
    // From the settings state (not the snapshot shown), so quick successive switches all count.
    setParams((currentParams) => {
      const start = base ?? currentParams
      const others = start.disabledExclusions.filter((id) => id !== rule)
      return { ...start, disabledExclusions: applied ? others : [...others, rule] }
    })
    if (base) setThresholdText(String(base.conditionThreshold))
    live.requestPreview()
  }

  const changeThreshold = (text: string) => {
    setThresholdText(text)
    const value = Number(text)
    if (text.trim() !== '' && Number.isInteger(value) && value >= 1 && value <= 17) changeParams({ conditionThreshold: value })
  }

  /** Stores a build; one that would be empty is refused first and waits for "Save the empty cohort anyway". */
  const storeBuild = async (input: BuildInput, saveIfEmpty = false) => {
    setEmptyBuild(null)
    let snapshot: CohortSnapshotT
    try {
      snapshot = await api['cohorts.build']({ ...input, saveIfEmpty })
    } catch (caught) {
      const reason = emptyBuildRefusal(caught)
      if (reason === null) throw caught
      setEmptyBuild({ input, reason })
      return
    }
    live.clearPreview()
    setCurrent(snapshot)
    setBuilt((count) => (count ?? 0) + 1)
    setBuildFor(snapshot.programmeId)
    setSnapshotsVersion((version) => version + 1)
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setNotice(null)
    void build.run(async () => {
      if (chosen?.switches.conditionThreshold && !thresholdIsValid(thresholdText))
        throw new Error('Minimum number of conditions: enter a whole number from 1 to 17.')
      await storeBuild({ ...live.currentInput(), ...programmeInput() })
    })
  }

  /** "Use this cohort": store the preview shown, with exactly the settings it was previewed with. */
  const savePreview = () =>
    void save.run(async () => {
      if (!preview?.previewInput) return
      await storeBuild({ ...preview.previewInput, ...programmeInput() })
    })

  const runArchive = () =>
    void archive.run(async () => {
      if (!chosen || chosen.kind !== 'custom') return
      await api['cohorts.archiveCustom']({ definition: chosen.id as `custom-${number}` })
      setNotice(`“${chosen.name}” was archived: it is no longer listed or built; its snapshots are kept.`)
      setConfirmArchive(false)
      // Its programme builds nothing else: the form starts again on the first cohort listed.
      setBuildFor(null)
      setDefinition('')
      definitions.reload()
    })

  const saved = (info: DefinitionInfo) => {
    setBuilder(null)
    definitions.reload()
    chooseDefinition(info.id)
    setNotice(`Saved “${info.name}” (version ${info.version}). Build it below.`)
  }

  return (
    <div className="screen">
      <h1>Cohorts</h1>
      <Card
        title="Build a cohort"
        actions={
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
            onClick={() => setBuilder({ editing: null })}
            disabled={builder !== null}
          >
            New custom cohort
          </button>
        }
      >
        <ErrorAlert message={definitions.error} title="Cohort definitions could not be loaded" />
        {notice && (
          <div className="alert alert-success" role="status">
            <p className="alert-message">{notice}</p>
          </div>
        )}
        <form className="form" onSubmit={submit} noValidate>
          <ErrorAlert message={programmes.error} title="The programmes could not be listed" />
          <div className="form-row">
            <ProgrammePicker open={openProgrammes ?? []} target={target} definitionName={chosen?.name ?? null} onPick={pickProgramme} />
          </div>
          <div className="form-row">
            <FormField
              id="cohort-definition"
              label="Cohort definition"
              width="wide"
              control={(control) => (
                <select {...control} value={definition} onChange={(event) => chooseDefinition(event.target.value as DefinitionId)}>
                  {definition === '' && <option value="">Choose a cohort…</option>}
                  <optgroup label="Built-in cohorts">
                    {builtIns.map((item) => (
                      <option key={item.id} value={item.id}>
                        {item.name}
                      </option>
                    ))}
                  </optgroup>
                  {customs.length > 0 && (
                    <optgroup label="Saved custom cohorts">
                      {customs.map((item) => (
                        <option key={item.id} value={item.id}>
                          {item.name} (custom, version {item.version})
                        </option>
                      ))}
                    </optgroup>
                  )}
                  {current && !all.some((item) => item.id === current.definition) && current.definition === definition && (
                    <option value={current.definition}>{current.name} (archived)</option>
                  )}
                </select>
              )}
            >
              {chosen && <DefinitionSummary definition={chosen} />}
              {chosen?.kind === 'built-in' && (
                <div className="button-row">
                  <button
                    type="button"
                    className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                    disabled={builder !== null}
                    onClick={() => setBuilder({ editing: null, start: fromBuiltIn(chosen, params) })}
                  >
                    Copy as a custom cohort
                  </button>
                </div>
              )}
              {chosen?.kind === 'custom' && (
                <div className="button-row">
                  <button
                    type="button"
                    className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                    onClick={() => setBuilder({ editing: chosen })}
                    disabled={builder !== null}
                  >
                    Change this custom cohort
                  </button>
                  {confirmArchive ? (
                    <>
                      <BusyButton variant="warning" className="nhsuk-button--small" busy={archive.busy} busyLabel="Archiving…" onClick={runArchive}>
                        Archive “{chosen.name}”
                      </BusyButton>
                      <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={() => setConfirmArchive(false)}>
                        Keep it
                      </button>
                    </>
                  ) : (
                    <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={() => setConfirmArchive(true)}>
                      Archive…
                    </button>
                  )}
                </div>
              )}
              <ErrorAlert message={archive.error} title="The custom cohort could not be archived" />
            </FormField>
            <FormField
              id="cohort-as-of"
              label="As-of date"
              hint="Today by default; 31 March for QOF year end."
              control={(control) => <input {...control} type="date" value={asOf} onChange={(event) => setAsOf(event.target.value)} />}
            >
              <AsOfHint asOf={asOf} onUse={setAsOf} />
            </FormField>
          </div>
          <fieldset className="field">
            <legend>Blood pressure target mode</legend>
            <div className="radio">
              <input type="radio" id="mode-qof" name="mode" checked={mode === 'qof'} onChange={() => setMode('qof')} />
              <label htmlFor="mode-qof">
                QOF <span className="hint">— controlled when at or below target, e.g. ≤140/90 (QOF HYP008/HYP009)</span>
              </label>
            </div>
            <div className="radio">
              <input type="radio" id="mode-nice" name="mode" checked={mode === 'nice'} onChange={() => setMode('nice')} />
              <label htmlFor="mode-nice">
                NICE <span className="hint">— controlled only when below target, e.g. &lt;140/90 (NICE NG136 1.4.20–22)</span>
              </label>
            </div>
            <p className="hint">The two differ only for a reading exactly on the target: 140/90 is controlled in QOF mode and uncontrolled in NICE mode.</p>
          </fieldset>

          {chosen && (
            <CohortBuildSettings
              switches={chosen.switches}
              params={params}
              thresholdText={thresholdText}
              onMixedChange={(include) => changeParams({ includeMixedBlackCategories: include })}
              onThresholdChange={changeThreshold}
            />
          )}

          <BusyButton type="submit" busy={build.busy} busyLabel="Building…" disabled={definition === ''}>
            Build and save cohort
          </BusyButton>
          <p className="live-status" role="status" aria-live="polite">
            {live.loading ? 'Previewing with the new settings…' : ''}
          </p>
          {emptyBuild && (
            <EmptyBuildConfirm
              reason={emptyBuild.reason}
              saving={build.busy}
              onSave={() => void build.run(() => storeBuild(emptyBuild.input, true))}
              onKeep={() => setEmptyBuild(null)}
            />
          )}
          <ErrorAlert
            message={build.error ?? save.error ?? live.error}
            title="The cohort could not be built"
            moveFocus={(build.error ?? save.error) !== null}
          />
        </form>
      </Card>

      {builder && definitions.data && (
        <CustomCohortBuilder
          key={builder.editing?.id ?? builder.start?.name ?? 'new'}
          definitions={all}
          editing={builder.editing}
          start={builder.start}
          onSaved={saved}
          onCancel={() => setBuilder(null)}
        />
      )}

      {shown && shown.memberCount === 0 && shown.emptyReason && <EmptyCohortReason reason={shown.emptyReason} />}
      {shown && (
        <div ref={builtRef} tabIndex={-1} className="focus-target">
          <CohortView
            snapshot={shown}
            onSave={savePreview}
            saving={save.busy}
            disabledExclusions={shownDisabled}
            onToggleExclusion={toggleExclusion}
            rebuilding={live.loading}
            canRebuild={definitions.data === null || all.some((item) => item.id === shown.definition)}
          />
        </div>
      )}

      <PreviousSnapshots version={snapshotsVersion} currentId={preview ? null : (current?.cohortId ?? null)} onOpen={openSnapshot} />
    </div>
  )
}
