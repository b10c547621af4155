// Clinics: a day view (the sessions of one day, the chosen one open with its slots), a week view
// (Monday to Sunday at a glance) and the list of every session. One clinic is open at a time, in one
// place on the page: choosing a session in any view replaces it, so there is only ever one booking
// form (and one set of ids) to book into. Choosing one takes focus to it, because the week and list
// views give way to the day view and the button pressed is gone.
import '../../styles/clinics.css'
import { useEffect, useRef, useState } from 'react'
import type { OperationOutput } from '../../../../shared/contract'
import { addDaysIso } from '../../../../shared/domain/iso-date'
import { api } from '../../api/client'
import { Card } from '../../components/card'
import { DataTable } from '../../components/data-table'
import { ErrorAlert } from '../../components/error-alert'
import { FormField } from '../../components/form-field'
import { useLoad } from '../../components/use-load'
import { formatUkDate, todayIso } from '../../format/uk-date'
import { ClinicDetailView } from './clinic-detail-view'
import { CreateClinicForm } from './create-clinic-form'
import { FollowUpIntervalsCard } from './follow-up-intervals-card'

type ClinicSummary = OperationOutput<'clinics.list'>['clinics'][number]
type View = 'day' | 'week' | 'list'

const weekdayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']

/** The Monday of the ISO week holding `iso` (UK clinics think in Monday-to-Sunday weeks). */
function mondayOf(iso: string): string {
  const weekday = (new Date(`${iso}T12:00:00Z`).getUTCDay() + 6) % 7
  return addDaysIso(iso, -weekday)
}

function byStart(a: ClinicSummary, b: ClinicSummary): number {
  return a.start < b.start ? -1 : a.start > b.start ? 1 : a.clinicId - b.clinicId
}

export function ClinicsScreen() {
  const clinics = useLoad(() => api['clinics.list']({}), [])
  const [view, setView] = useState<View>('day')
  const [day, setDay] = useState(todayIso())
  const [openId, setOpenId] = useState<number | null>(null)
  // Bumped when the user opens a clinic (not when a day's first session opens by itself).
  const [focusOpened, setFocusOpened] = useState(0)
  const openPanel = useRef<HTMLDivElement>(null)
  const list = clinics.data?.clinics ?? []
  const validDay = /^\d{4}-\d{2}-\d{2}$/.test(day)

  const clinicsOn = (date: string) => list.filter((c) => c.date === date).sort(byStart)
  const dayClinics = validDay ? clinicsOn(day) : []
  // The open clinic: the one picked, else the first session of the day in the day view.
  const shownId = openId ?? (view === 'day' ? (dayClinics[0]?.clinicId ?? null) : null)

  useEffect(() => {
    if (focusOpened === 0) return
    // The open clinic's heading: what was opened is read out, and the Tab after it is its first control.
    const heading = openPanel.current?.querySelector<HTMLElement>('.card-title')
    if (!heading) return
    heading.tabIndex = -1
    heading.focus({ preventScroll: true })
    heading.scrollIntoView({ block: 'start' })
  }, [focusOpened])

  const openClinic = (clinic: ClinicSummary) => {
    setDay(clinic.date)
    setOpenId(clinic.clinicId)
    setView('day')
    setFocusOpened((n) => n + 1)
  }
  const moveDay = (days: number) => {
    if (!validDay) return
    setDay(addDaysIso(day, days))
    setOpenId(null)
  }
  const step = view === 'week' ? 7 : 1

  return (
    <div className="screen">
      <h1>Clinics</h1>
      <CreateClinicForm
        onCreated={(clinicId, date) => {
          clinics.reload()
          setDay(date)
          setOpenId(clinicId)
          setView('day')
          setFocusOpened((n) => n + 1)
        }}
      />
      <Card title="Clinic sessions">
        <div className="calendar-toolbar">
          <div className="tabs" role="group" aria-label="Clinic view">
            {(['day', 'week', 'list'] as const).map((v) => (
              <button key={v} type="button" className={`tab${view === v ? ' active' : ''}`} aria-pressed={view === v} onClick={() => setView(v)}>
                {v === 'day' ? 'Day' : v === 'week' ? 'Week' : 'All sessions'}
              </button>
            ))}
          </div>
          {view !== 'list' && (
            <>
              <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={() => moveDay(-step)}>
                ‹ Previous {view === 'week' ? 'week' : 'day'}
              </button>
              <FormField
                id="clinics-day"
                label={view === 'week' ? 'Week of' : 'Day'}
                control={(control) => (
                  <input
                    {...control}
                    type="date"
                    value={day}
                    onChange={(event) => {
                      setDay(event.target.value)
                      setOpenId(null)
                    }}
                  />
                )}
              />
              <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={() => moveDay(step)}>
                Next {view === 'week' ? 'week' : 'day'} ›
              </button>
              <button
                type="button"
                className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                onClick={() => {
                  setDay(todayIso())
                  setOpenId(null)
                }}
              >
                Today
              </button>
            </>
          )}
        </div>
        <ErrorAlert message={clinics.error} />
        {clinics.loading && !clinics.data && <p className="muted">Loading…</p>}
        {clinics.data && view === 'day' && validDay && <DayView day={day} clinics={dayClinics} shownId={shownId} onOpen={openClinic} />}
        {clinics.data && view === 'week' && validDay && <WeekView monday={mondayOf(day)} clinicsOn={clinicsOn} onOpen={openClinic} />}
        {clinics.data && view === 'list' && <SessionList clinics={list} openId={shownId} onOpen={openClinic} />}
      </Card>
      {/* The one place an open clinic is shown. Inside its own element its key has no siblings to
          collide with: a clinic id equal to a sibling's key (clinic #2 of 2 clinics) once made React
          keep the previous clinic's panel on screen beside the new one. */}
      <div ref={openPanel} className="open-clinic">
        {shownId !== null && <ClinicDetailView key={shownId} clinicId={shownId} onChanged={clinics.reload} />}
      </div>
      {/* Re-read when a clinic is created: a practice's own clinic type then appears in the list. */}
      <FollowUpIntervalsCard key={`intervals-${clinics.data?.clinics.length ?? 0}`} />
    </div>
  )
}

function sessionMeta(clinic: ClinicSummary): string {
  const free = clinic.slots - clinic.booked
  return [clinic.clinician, clinic.location, `${clinic.booked}/${clinic.slots} booked`, free > 0 ? `${free} free` : 'full'].filter(Boolean).join(' · ')
}

function SessionButton({ clinic, pressed, onOpen }: { clinic: ClinicSummary; pressed: boolean; onOpen: () => void }) {
  return (
    <button
      type="button"
      className="session-button"
      aria-pressed={pressed}
      aria-label={`Open clinic ${clinic.type} on ${formatUkDate(clinic.date)} at ${clinic.start}`}
      onClick={onOpen}
    >
      <span className="session-time">{clinic.start}</span> {clinic.type}
      <span className="session-meta">{sessionMeta(clinic)}</span>
    </button>
  )
}

function DayView({
  day,
  clinics,
  shownId,
  onOpen
}: {
  day: string
  clinics: ClinicSummary[]
  shownId: number | null
  onOpen: (clinic: ClinicSummary) => void
}) {
  if (clinics.length === 0) return <p>No clinic sessions on {formatUkDate(day)}. Create one above, or pick another day.</p>
  return (
    <>
      <p>
        {clinics.length} session{clinics.length === 1 ? '' : 's'} on {formatUkDate(day)}:
      </p>
      <div className="day-sessions">
        {clinics.map((clinic) => (
          <SessionButton key={clinic.clinicId} clinic={clinic} pressed={clinic.clinicId === shownId} onOpen={() => onOpen(clinic)} />
        ))}
      </div>
    </>
  )
}

function WeekView({ monday, clinicsOn, onOpen }: { monday: string; clinicsOn: (date: string) => ClinicSummary[]; onOpen: (clinic: ClinicSummary) => void }) {
  const today = todayIso()
  return (
    <div className="week-grid" role="list" aria-label={`Week of ${formatUkDate(monday)}`}>
      {weekdayNames.map((name, i) => {
        const date = addDaysIso(monday, i)
        const sessions = clinicsOn(date)
        return (
          <div key={date} role="listitem" className={`week-day${date === today ? ' week-day-today' : ''}`}>
            <h3>
              {name} <span className="muted">{formatUkDate(date)}</span>
            </h3>
            {sessions.length === 0 && <p className="muted">No clinics</p>}
            {sessions.map((clinic) => (
              <SessionButton key={clinic.clinicId} clinic={clinic} pressed={false} onOpen={() => onOpen(clinic)} />
            ))}
          </div>
        )
      })}
    </div>
  )
}

function SessionList({ clinics, openId, onOpen }: { clinics: ClinicSummary[]; openId: number | null; onOpen: (clinic: ClinicSummary) => void }) {
  return (
    <DataTable<ClinicSummary>
      label="Clinic sessions"
      rows={clinics}
      rowKey={(clinic) => clinic.clinicId}
      rowClassName={(clinic) => (clinic.clinicId === openId ? 'row-selected' : undefined)}
      empty={<p>No clinics yet. Create one above.</p>}
      columns={[
        { id: 'date', header: 'Date', cell: (clinic) => formatUkDate(clinic.date), cellClassName: 'nowrap' },
        { id: 'start', header: 'Start', cell: (clinic) => clinic.start },
        { id: 'type', header: 'Type', cell: (clinic) => clinic.type },
        { id: 'clinician', header: 'Clinician', cell: (clinic) => clinic.clinician ?? '—' },
        { id: 'location', header: 'Location', cell: (clinic) => clinic.location ?? '—' },
        {
          id: 'slots',
          header: 'Slots',
          cell: (clinic) => (
            <>
              {clinic.slots} × {clinic.slotMinutes} min
            </>
          )
        },
        { id: 'booked', header: 'Booked', cell: (clinic) => clinic.booked },
        { id: 'attended', header: 'Attended', cell: (clinic) => clinic.attended },
        { id: 'dna', header: 'Did not attend', cell: (clinic) => clinic.didNotAttend },
        {
          id: 'open',
          header: <span className="visually-hidden">Open</span>,
          cell: (clinic) => (
            <button
              type="button"
              className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
              aria-label={`Open clinic ${clinic.type} on ${formatUkDate(clinic.date)}`}
              onClick={() => onOpen(clinic)}
            >
              Open
            </button>
          )
        }
      ]}
    />
  )
}
