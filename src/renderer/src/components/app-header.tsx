import { useSessionStore } from '../stores/session-store'
import { PatientSearch } from './patient-search'
import { roleLabels } from '../../../shared/format/activity-actions'

export function AppHeader() {
  const { user, databasePath, signOut } = useSessionStore()
  return (
    <header className="app-header">
      <div className="app-header-brand">
        <span className="app-header-logo" aria-hidden="true">
          NHS
        </span>
        <span className="app-header-title">Clinic Recall</span>
      </div>
      {/* It shows patient details, which nobody may see before saying who they are (operation-access.ts). */}
      {user && <PatientSearch />}
      <div className="app-header-session">
        {user && (
          <p className="app-header-user">
            Signed in as <strong>{user.name}</strong> ({roleLabels[user.role]})
            <button type="button" className="button-link header-link" onClick={signOut}>
              Switch user
            </button>
          </p>
        )}
        {databasePath && (
          <p className="app-header-db" title={databasePath}>
            Database: <code>{databasePath}</code>
          </p>
        )}
      </div>
    </header>
  )
}
