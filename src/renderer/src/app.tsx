import { useEffect, useState } from 'react'
import { describeError } from './api/api-error'
import { AppHeader } from './components/app-header'
import { DatabaseWarningsBanner } from './components/database-warnings-banner'
import { ErrorAlert } from './components/error-alert'
import { SideNavigation } from './components/side-navigation'
import { ActivityScreen } from './screens/activity-screen'
import { AuditScreen } from './screens/audit/audit-screen'
import { ClinicsScreen } from './screens/clinics/clinics-screen'
import { CohortsScreen } from './screens/cohorts/cohorts-screen'
import { FollowUpsScreen } from './screens/follow-ups-screen'
import { ImportScreen } from './screens/import/import-screen'
import { ProgrammesScreen } from './screens/programmes/programmes-screen'
import { PatientPage } from './screens/patients/patient-page'
import { InvitationsScreen } from './screens/invitations/invitations-screen'
import { SettingsScreen } from './screens/settings-screen'
import { StartScreen } from './screens/start-screen'
import { TodayScreen } from './screens/today/today-screen'
import { useNavigationStore, type SectionId } from './stores/navigation-store'
import { useSessionStore } from './stores/session-store'

function Section({ id }: { id: SectionId }) {
  switch (id) {
    case 'today':
      return <TodayScreen />
    case 'programmes':
      return <ProgrammesScreen />
    case 'import':
      return <ImportScreen />
    case 'cohorts':
      return <CohortsScreen />
    case 'invitations':
      return <InvitationsScreen />
    case 'clinics':
      return <ClinicsScreen />
    case 'followups':
      return <FollowUpsScreen />
    case 'audit':
      return <AuditScreen />
    case 'settings':
      return <SettingsScreen />
    case 'activity':
      return <ActivityScreen />
    default: {
      const unreachable: never = id
      return unreachable
    }
  }
}

export function App() {
  const { loaded, user, load } = useSessionStore()
  const section = useNavigationStore((state) => state.section)
  const patient = useNavigationStore((state) => state.patient)
  const [loadError, setLoadError] = useState<string | null>(null)

  useEffect(() => {
    load().catch((error: unknown) => setLoadError(describeError(error)))
  }, [load])

  return (
    <div className="app">
      <a className="skip-link" href="#main-content">
        Skip to main content
      </a>
      <AppHeader />
      <DatabaseWarningsBanner />
      {loadError && (
        <main className="page" id="main-content">
          <ErrorAlert message={loadError} title="Clinic Recall could not start" />
        </main>
      )}
      {!loadError && !loaded && (
        <main className="page" id="main-content">
          <p className="muted">Loading…</p>
        </main>
      )}
      {!loadError && loaded && !user && (
        <main className="page" id="main-content">
          <StartScreen />
        </main>
      )}
      {!loadError && loaded && user && (
        <div className="layout">
          <SideNavigation />
          <main className="page" id="main-content" tabIndex={-1}>
            {/* A patient opened from "Find a patient" is shown over the section; keyed so each patient starts fresh. */}
            {patient === null ? <Section id={section} /> : <PatientPage key={patient} nhsNumber={patient} />}
          </main>
        </div>
      )}
    </div>
  )
}
