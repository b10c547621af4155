import { useEffect, useState, type FormEvent } from 'react'
import type { OperationOutput } from '../../../../shared/contract'
import { api } from '../../api/client'
import { BusyButton } from '../../components/busy-button'
import { Card } from '../../components/card'
import { ErrorAlert } from '../../components/error-alert'
import { useAsyncAction } from '../../components/use-async-action'
import { useLoad } from '../../components/use-load'
import { todayIso } from '../../format/uk-date'
import { useCohortStore } from '../../stores/cohort-store'
import { CohortView } from './cohort-view'
import { PreviousSnapshots } from './previous-snapshots'

type DefinitionId = OperationOutput<'cohorts.definitions'>['definitions'][number]['id']
type Mode = 'qof' | 'nice'

export function CohortsScreen() {
  const definitions = useLoad(() => api['cohorts.definitions']({}), [])
  const { current, setCurrent } = useCohortStore()
  const [definition, setDefinition] = useState<DefinitionId | ''>('')
  const [asOf, setAsOf] = useState(todayIso())
  const [mode, setMode] = useState<Mode>('qof')
  const [snapshotsVersion, setSnapshotsVersion] = useState(0)
  const build = useAsyncAction()

  useEffect(() => {
    const first = definitions.data?.definitions[0]
    if (definition === '' && first) setDefinition(first.id)
  }, [definitions.data, definition])

  const chosen = definitions.data?.definitions.find((item) => item.id === definition)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    void build.run(async () => {
      if (definition === '') throw new Error('Choose a cohort definition first.')
      if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new Error('As-of date: enter a full date.')
      setCurrent(await api['cohorts.build']({ definition, asOf, mode }))
      setSnapshotsVersion((version) => version + 1)
    })
  }

  return (
    <div className="screen">
      <h1>Cohorts</h1>
      <Card title="Build a cohort">
        <ErrorAlert message={definitions.error} title="Cohort definitions could not be loaded" />
        <form className="form" onSubmit={submit} noValidate>
          <div className="form-row">
            <div className="field field-wide">
              <label htmlFor="cohort-definition">Cohort definition</label>
              <select
                id="cohort-definition"
                value={definition}
                onChange={(event) => setDefinition(event.target.value as DefinitionId)}
              >
                {definitions.data?.definitions.map((item) => (
                  <option key={item.id} value={item.id}>
                    {item.name}
                  </option>
                ))}
              </select>
              {chosen && (
                <p className="hint">
                  {chosen.description} <span className="muted">(version {chosen.version}; sources: {chosen.sources.join(', ')})</span>
                </p>
              )}
            </div>
            <div className="field">
              <label htmlFor="cohort-as-of">As-of date</label>
              <input id="cohort-as-of" type="date" value={asOf} onChange={(event) => setAsOf(event.target.value)} />
              <p className="hint">Today by default; 31 March for QOF year end.</p>
            </div>
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
            <p className="hint">
              The two differ only for a reading exactly on the target: 140/90 is controlled in QOF mode and uncontrolled in
              NICE mode.
            </p>
          </fieldset>
          <BusyButton type="submit" busy={build.busy} busyLabel="Building…" disabled={definition === ''}>
            Build cohort
          </BusyButton>
          <ErrorAlert message={build.error} title="The cohort could not be built" />
        </form>
      </Card>

      {current && <CohortView snapshot={current} />}

      <PreviousSnapshots version={snapshotsVersion} currentId={current?.cohortId ?? null} onOpen={setCurrent} />
    </div>
  )
}
