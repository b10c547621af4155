// One programme's page: its progress (with the ways to build a cohort or create a clinic for it),
// what it is (and closing or reopening it), its audit at a glance (and the way to the full audit),
// then its cohort builds, the invitation batches sent from them, and its clinics.
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react'
import { api } from '../../api/client'
import { Card, Stat } from '../../components/card'
import { ErrorAlert } from '../../components/error-alert'
import { useAsyncAction } from '../../components/use-async-action'
import { useLoad } from '../../components/use-load'
import { useCohortStore } from '../../stores/cohort-store'
import { useNavigationStore } from '../../stores/navigation-store'
import { useProgrammeStore } from '../../stores/programme-store'
import { ProgrammeBatchesTable } from './programme-batches-table'
import { ProgrammeClinicsTable } from './programme-clinics-table'
import { ProgrammeCohortsTable } from './programme-cohorts-table'
import { ProgrammeDetails } from './programme-details'
import { ProgrammeStatusTag } from './programme-status-tag'
import { ChartsLoading } from '../../components/charts-loading'

// The audit glance's chart loads recharts on first show, not with the app (charts-loading.tsx).
const ProgrammeAuditGlance = lazy(() => import('./programme-audit-glance').then((m) => ({ default: m.ProgrammeAuditGlance })))

interface Props {
  programmeId: number
  onBack: () => void
  /** The programme changed (closed or reopened): the list is out of date. */
  onChanged: () => void
}

export function ProgrammePage({ programmeId, onBack, onChanged }: Props) {
  const [version, setVersion] = useState(0)
  const programme = useLoad(() => api['programmes.get']({ programmeId }), [programmeId, version])
  const work = useLoad(async () => {
    const [cohorts, clinics, batches, templates] = await Promise.all([
      api['cohorts.list']({}),
      api['clinics.list']({}),
      api['invitations.listBatches']({}),
      api['templates.list']({})
    ])
    return { cohorts: cohorts.cohorts, clinics: clinics.clinics, batches: batches.batches, templates: templates.templates }
  }, [programmeId])
  const go = useNavigationStore((state) => state.go)
  const { setBuildFor, setClinicFor, setAuditFor } = useProgrammeStore()
  const setCurrentCohort = useCohortStore((state) => state.setCurrent)
  const openCohort = useAsyncAction()
  const heading = useRef<HTMLHeadingElement>(null)

  // Opening a programme moves focus to its name, so a screen reader says where the user now is.
  useEffect(() => heading.current?.focus(), [programmeId])

  const mine = useMemo(() => {
    if (!work.data) return null
    const cohorts = work.data.cohorts.filter((c) => c.programmeId === programmeId)
    const cohortIds = new Set(cohorts.map((c) => c.cohortId))
    return {
      cohorts,
      clinics: work.data.clinics.filter((c) => c.programmeId === programmeId),
      // Batches carry their programme; an older batch without one belongs through its cohort.
      batches: work.data.batches.filter((b) => b.programmeId === programmeId || (b.programmeId === null && cohortIds.has(b.cohortId))),
      templateNames: new Map(work.data.templates.map((t) => [t.key, t.name]))
    }
  }, [work.data, programmeId])

  const p = programme.data
  const open = p?.status === 'active'
  return (
    <div className="screen">
      <p className="no-print">
        <button type="button" className="button-link" onClick={onBack}>
          ‹ All programmes
        </button>
      </p>
      <h1 ref={heading} tabIndex={-1} className="programme-heading">
        {p ? p.name : 'Programme'} {p && <ProgrammeStatusTag status={p.status} />}
      </h1>
      <ErrorAlert message={programme.error} title="The programme could not be loaded" />
      {programme.loading && !p && <p className="muted">Loading…</p>}
      {p && (
        <>
          <Card title="Progress">
            <div className="stats">
              <Stat label="Latest cohort" value={p.progress.latestMembers ?? '—'} />
              <Stat label="Invited" value={p.progress.invited} />
              <Stat label="Booked" value={p.progress.booked} />
              <Stat label="Attended" value={p.progress.attended} />
              <Stat label="Clinics" value={p.progress.clinics} />
              <Stat label="Cohort builds" value={p.progress.snapshots} />
            </div>
            <p className="muted">Patients counted once each, over all the programme’s builds; the latest cohort is its newest build’s members.</p>
            <div className="button-row no-print">
              <button
                type="button"
                className="nhsuk-button"
                disabled={!open}
                onClick={() => {
                  setBuildFor(p.programmeId)
                  go('cohorts')
                }}
              >
                Build a cohort for this programme
              </button>
              <button
                type="button"
                className="nhsuk-button nhsuk-button--secondary"
                disabled={!open}
                onClick={() => {
                  setClinicFor(p.programmeId)
                  go('clinics')
                }}
              >
                Create a clinic for it
              </button>
              {!open && <p className="hint">Closed: reopen it to build, invite or create clinics.</p>}
            </div>
          </Card>
          <ProgrammeDetails
            programme={p}
            templateNames={mine?.templateNames ?? new Map()}
            onChanged={() => {
              setVersion((v) => v + 1)
              onChanged()
            }}
          />
        </>
      )}
      {p && (
        <Suspense fallback={<ChartsLoading />}>
          <ProgrammeAuditGlance
            programmeId={p.programmeId}
            name={p.name}
            version={version}
            onOpenAudit={() => {
              setAuditFor(p.programmeId)
              go('audit')
            }}
          />
        </Suspense>
      )}
      <ErrorAlert message={work.error ?? openCohort.error} title="The programme’s cohorts, clinics and batches could not be loaded" />
      {mine && (
        <>
          <Card title={`Cohort builds (${mine.cohorts.length})`}>
            <ProgrammeCohortsTable
              cohorts={mine.cohorts}
              opening={openCohort.busy}
              onOpen={(cohort) =>
                void openCohort.run(async () => {
                  setCurrentCohort(await api['cohorts.get']({ cohortId: cohort.cohortId }))
                  setBuildFor(programmeId)
                  go('cohorts')
                })
              }
            />
          </Card>
          <Card title={`Invitation batches (${mine.batches.length})`}>
            <ProgrammeBatchesTable batches={mine.batches} />
          </Card>
          <Card title={`Clinics (${mine.clinics.length})`}>
            <ProgrammeClinicsTable clinics={mine.clinics} />
          </Card>
        </>
      )}
    </div>
  )
}
