// One patient's page, opened from "Find a patient": who they are, what can be done for them now
// (book into a clinic, what re-inviting means, their contact preferences), and everything recorded:
// registers, BP readings with their chart, the cohorts that listed them and why, invitations,
// appointments, visits, follow-ups and referrals.
import '../../styles/patients.css'
import { lazy, Suspense, useEffect, useRef } from 'react'
import { api } from '../../api/client'
import { Card } from '../../components/card'
import { ErrorAlert } from '../../components/error-alert'
import { useLoad } from '../../components/use-load'
import { formatNhsNumber } from '../../format/nhs-number'
import { formatUkDate } from '../../format/uk-date'
import { sections, useNavigationStore } from '../../stores/navigation-store'
import { ContactPreferencesForm } from '../invitations/contact-preferences-form'
import { PatientActions } from './patient-actions'
import { PatientDetails } from './patient-details'
import { PatientSnapshotsTable } from './patient-snapshots-table'
import { PatientAppointmentsTable, PatientFollowUpsTable, PatientInvitationsTable, PatientReferralsTable } from './patient-history-tables'
import { PatientVisits } from './patient-visits'
import type { PatientPageData } from './patient-page-data'
import { ChartsLoading } from '../../components/charts-loading'

// The BP chart loads recharts on first show, not with the app (charts-loading.tsx).
const PatientBpChart = lazy(() => import('./patient-bp-chart').then((m) => ({ default: m.PatientBpChart })))

const sexLabels: Record<string, string> = { M: 'Male', F: 'Female', U: 'Unknown', I: 'Indeterminate' }

function Heading({ page }: { page: PatientPageData }) {
  const heading = useRef<HTMLHeadingElement>(null)
  // Opened from the header search: the screen reader and the keyboard start at the patient's name.
  useEffect(() => heading.current?.focus(), [page.patient.nhsNumber])
  const p = page.patient
  return (
    <div className="patient-heading">
      <h1 ref={heading} tabIndex={-1}>
        {p.name}
      </h1>
      <p className="patient-identity">
        <span>
          NHS number <strong>{formatNhsNumber(p.nhsNumber)}</strong>
        </span>
        <span>
          Born <strong>{formatUkDate(p.dateOfBirth)}</strong>
          {p.age !== null && ` (${p.age})`}
        </span>
        <span>{p.sex ? (sexLabels[p.sex] ?? p.sex) : 'Sex not exported'}</span>
        <span>{p.postcode ?? 'No postcode'}</span>
      </p>
      {p.noLongerRegistered && (
        <div className="alert alert-warning" role="note">
          <p className="alert-message">
            The export gives the registration status “{p.registrationStatus}”: the patient has died or left the practice. They are left out of every cohort and
            never invited.
          </p>
        </div>
      )}
      {p.notInLatestExport && (
        <div className="alert alert-warning" role="note">
          <p className="alert-message">Not in the latest run of the export that listed them: check they are still registered before contacting them.</p>
        </div>
      )}
      {page.contact.noContact && (
        <div className="alert alert-warning" role="note">
          <p className="alert-message">No contact permitted is recorded: they are not to be invited or contacted about a programme.</p>
        </div>
      )}
    </div>
  )
}

export function PatientPage({ nhsNumber }: { nhsNumber: string }) {
  const page = useLoad(() => api['patients.show']({ nhsNumber }), [nhsNumber])
  const { section, closePatient } = useNavigationStore()
  const back = sections.find((s) => s.id === section)?.label ?? 'the section'
  const data = page.data

  return (
    <div className="screen">
      <p>
        <button type="button" className="button-link" onClick={closePatient}>
          Back to {back}
        </button>
      </p>
      {page.loading && !data && <p className="muted">Loading the patient’s record…</p>}
      <ErrorAlert message={page.error} title={`The record of ${formatNhsNumber(nhsNumber)} could not be shown`} />
      {data && (
        <>
          <Heading page={data} />
          <PatientActions page={data} onChanged={page.reload} />
          <div className="patient-columns">
            <PatientDetails page={data} />
            <Card title="Contact preferences">
              <p className="hint">Recorded in Clinic Recall: exports do not carry them. Invitations follow them.</p>
              <ContactPreferencesForm key={data.patient.nhsNumber} contact={data.contact} showPatient={false} onSaved={page.reload} />
            </Card>
          </div>
          <Suspense fallback={<ChartsLoading />}>
            <PatientBpChart readings={data.readings} name={data.patient.name} />
          </Suspense>
          <PatientSnapshotsTable snapshots={data.snapshots} />
          <PatientInvitationsTable invitations={data.invitations} />
          <PatientAppointmentsTable appointments={data.appointments} />
          <PatientVisits visits={data.visits} />
          <PatientFollowUpsTable followUps={data.followUps} />
          <PatientReferralsTable referrals={data.referrals} />
        </>
      )}
    </div>
  )
}
