import { useEffect, useRef } from 'react'
import type { CohortEntryT } from '../../../../shared/contract'
import { bpMeasures } from '../../../../shared/domain/bp-measures'
import { api } from '../../api/client'
import { DataTable } from '../../components/data-table'
import { ErrorAlert } from '../../components/error-alert'
import { PriorityChip } from '../../components/priority-chip'
import { useLoad } from '../../components/use-load'
import { formatBp, formatSetting } from '../../format/blood-pressure'
import { formatEthnicity } from '../../format/ethnicity'
import { formatNhsNumber } from '../../format/nhs-number'
import { formatUkDate } from '../../format/uk-date'
import { PatientImportStatus } from '../import/patient-import-status'
import type { PreviewInput } from './shown-cohort'

interface Props {
  /** The saved snapshot the patient is listed in, or null for an unsaved preview (then `preview`). */
  cohortId: number | null
  /** The settings of the unsaved preview shown (cohorts.explainPreview evaluates the patient with them). */
  preview: PreviewInput | null
  entry: CohortEntryT
  excludedBy: string | null
  onClose: () => void
}

type Explanation = NonNullable<CohortEntryT['explanation']>
type Step = Explanation['steps'][number]
type Reading = Explanation['readingsConsidered'][number]

const outcomeLabels = { pass: 'Pass', fail: 'Fail', info: 'Info' } as const
const usedLabels = {
  both: 'Used (systolic and diastolic)',
  systolic: 'Used (systolic)',
  diastolic: 'Used (diastolic)',
  none: 'Not used'
} as const

/**
 * "Why is this patient here?" — every rule checked, the readings considered and which one gave the
 * BP, the target, the priority rule and each exclusion. Snapshots do not carry the full
 * explanation; it is fetched for this one patient (cohorts.explain re-derives it as built; for an
 * unsaved preview cohorts.explainPreview evaluates it with the preview's settings).
 */
export function WhyPanel({ cohortId, preview, entry, excludedBy, onClose }: Props) {
  const headingRef = useRef<HTMLHeadingElement>(null)
  const loaded = useLoad(
    () =>
      cohortId !== null || !preview
        ? api['cohorts.explain']({ cohortId: cohortId ?? 0, patientId: entry.patientId })
        : api['cohorts.explainPreview']({ ...preview, patientId: entry.patientId }),
    [cohortId, preview, entry.patientId]
  )
  const explanation = entry.explanation ?? loaded.data?.entry.explanation ?? null
  const priorityStep = explanation?.steps.find((step) => step.rule === 'priority')

  useEffect(() => {
    headingRef.current?.focus()
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [entry, onClose])

  return (
    <aside className="drawer" role="dialog" aria-modal="false" aria-labelledby="why-title">
      <div className="drawer-header">
        <h2 id="why-title" ref={headingRef} tabIndex={-1}>
          Why? {entry.name}
        </h2>
        <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={onClose}>
          Close
        </button>
      </div>
      <div className="drawer-body" tabIndex={0}>
        <dl className="facts">
          <dt>NHS number</dt>
          <dd>{formatNhsNumber(entry.nhsNumber)}</dd>
          <PatientImportStatus patientId={entry.patientId} />
          <dt>Age</dt>
          <dd>{entry.age ?? '—'}</dd>
          <dt>Sex</dt>
          <dd>{entry.sex ?? '—'}</dd>
          <dt>Ethnicity</dt>
          <dd>{formatEthnicity(entry.ethnicity)}</dd>
          <dt>Current BP</dt>
          <dd>
            {entry.bp ? (
              <>
                <strong>{formatBp(entry.bp)}</strong> on {formatUkDate(entry.bp.date)} ({formatSetting(entry.bp.setting)})
              </>
            ) : (
              'No recent BP'
            )}
            <div className="bp-rule">{entry.bpRule}</div>
          </dd>
          <dt>Target</dt>
          <dd>
            {!explanation
              ? '…'
              : explanation.target
                ? `${explanation.target.comparator === '<=' ? '≤' : '<'} ${explanation.target.systolic}/${explanation.target.diastolic} — ${explanation.target.label}`
                : 'No target applies'}
          </dd>
          <dt>Priority</dt>
          <dd>
            <PriorityChip priority={entry.priority} />
            {priorityStep && <div className="bp-rule">{priorityStep.detail}</div>}
          </dd>
          {excludedBy && (
            <>
              <dt>Excluded by</dt>
              <dd>
                <strong>{excludedBy}</strong>
              </dd>
            </>
          )}
        </dl>

        <ErrorAlert message={loaded.error} title="The explanation could not be loaded" />
        {!explanation && !loaded.error && <p className="muted">Loading the explanation…</p>}
        {explanation && (
          <>
            <h3>Rules checked</h3>
            <DataTable<Step>
              label="Rules checked"
              className="nhsuk-table--compact"
              rows={explanation.steps}
              rowKey={(step, index) => `${step.rule}-${index}`}
              columns={[
                {
                  id: 'rule',
                  header: 'Rule',
                  cell: (step) => (
                    <>
                      {step.label}
                      <div className="source">{step.source}</div>
                    </>
                  )
                },
                { id: 'result', header: 'Result', cell: (step) => <span className={`outcome outcome-${step.outcome}`}>{outcomeLabels[step.outcome]}</span> },
                { id: 'detail', header: 'Detail', cell: (step) => step.detail }
              ]}
            />

            <h3>Readings considered</h3>
            <DataTable<Reading>
              label="Readings considered"
              className="nhsuk-table--compact"
              rows={explanation.readingsConsidered}
              rowKey={(reading, index) => `${reading.date}-${index}`}
              rowClassName={(reading) => (reading.severe ? 'row-severe' : reading.used === 'none' ? 'row-muted' : 'row-used')}
              empty={<p>No blood pressure readings in the look-back window.</p>}
              columns={[
                { id: 'date', header: 'Date', cell: (reading) => formatUkDate(reading.date), cellClassName: 'nowrap' },
                {
                  id: 'bp',
                  header: 'BP',
                  cell: (reading) => (
                    <>
                      {formatBp(reading)}
                      {reading.severe && <strong className="severe-flag"> Severe</strong>}
                    </>
                  )
                },
                {
                  id: 'measure',
                  header: 'What it measured',
                  cell: (reading) => (reading.measure ? bpMeasures[reading.measure] : formatSetting(reading.setting))
                },
                {
                  id: 'used',
                  header: 'Used?',
                  cell: (reading) => (
                    <>
                      {reading.notUsedBecause ? `Recorded, not used, because ${reading.notUsedBecause}` : usedLabels[reading.used]}
                      {reading.severe && reading.used === 'none' && ' — severe for its kind, so it decides the priority (nothing hides a severe reading)'}
                    </>
                  )
                }
              ]}
            />
            {loaded.data && <p className="hint">{loaded.data.basis}</p>}
          </>
        )}
      </div>
    </aside>
  )
}
