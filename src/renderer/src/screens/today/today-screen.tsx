// The home screen: one tile per worklist with its count, so whoever opens the app
// in the morning sees what needs doing today. Each tile opens the screen that holds the list.
import '../../styles/clinics.css'
import { api } from '../../api/client'
import { Card } from '../../components/card'
import { ErrorAlert } from '../../components/error-alert'
import { useLoad } from '../../components/use-load'
import { formatUkDate, todayIso } from '../../format/uk-date'
import { useNavigationStore, type SectionId } from '../../stores/navigation-store'
import { useSessionStore } from '../../stores/session-store'

interface Tile {
  label: string
  count: number
  hint: string
  section: SectionId
  /** Red when there is work that is already late. */
  urgent?: boolean
}

export function TodayScreen() {
  const go = useNavigationStore((state) => state.go)
  const user = useSessionStore((state) => state.user)
  const today = todayIso()
  const counts = useLoad(() => api['worklists.counts']({ asOf: today }), [today])
  const c = counts.data

  const tiles: Tile[] = c
    ? [
        { label: 'Clinics today', count: c.clinicsToday, hint: 'Open the day view to see who is booked', section: 'clinics' },
        { label: 'Follow-ups overdue', count: c.followUpsOverdue, hint: 'Due before today with no BP since the visit', section: 'followups', urgent: true },
        { label: 'Follow-ups due this week', count: c.followUpsDueThisWeek, hint: 'Due in the next 7 days', section: 'followups' },
        { label: 'Did not attend — re-invite', count: c.didNotAttend, hint: 'Missed a clinic and not booked since', section: 'followups', urgent: true },
        { label: 'Appointments left open', count: c.leftOpen, hint: 'Past clinic, not marked attended or did not attend', section: 'followups', urgent: true },
        { label: 'Invited but not booked', count: c.invitedNotBooked, hint: 'With the date the next invitation may go', section: 'invitations' },
        { label: 'Non-responders', count: c.nonResponders, hint: 'Two unanswered invitations: codes to record', section: 'invitations' }
      ]
    : []

  return (
    <div className="screen">
      <h1>Today</h1>
      <p className="lead">
        {formatUkDate(today)}
        {user ? ` · ${user.name}` : ''}. What needs doing, from every worklist.
      </p>
      <Card title="Worklists">
        <ErrorAlert message={counts.error} />
        {counts.loading && !c && <p className="muted">Loading…</p>}
        {c && (
          <div className="worklist-tiles">
            {tiles.map((tile) => (
              <button
                key={tile.label}
                type="button"
                className={`worklist-tile${tile.count === 0 ? ' worklist-tile-clear' : tile.urgent ? ' worklist-tile-urgent' : ''}`}
                aria-label={`${tile.label}: ${tile.count}`}
                onClick={() => go(tile.section)}
              >
                <span className="worklist-tile-count">{tile.count}</span>
                <span className="worklist-tile-label">{tile.label}</span>
                <span className="worklist-tile-hint">{tile.hint}</span>
              </button>
            ))}
          </div>
        )}
      </Card>
    </div>
  )
}
