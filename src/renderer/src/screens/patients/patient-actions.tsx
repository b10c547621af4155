// What can be done for the patient from their page: book them into a clinic (the one booking
// control every screen uses), re-invite them — which here means the next batch of the latest cohort
// that lists them, so the page says what that is and opens that cohort's invitations — and record
// their contact preferences (the form further down the page).
import { useEffect, useRef, useState } from 'react'
import { api } from '../../api/client'
import { BusyButton } from '../../components/busy-button'
import { Card } from '../../components/card'
import { ErrorAlert } from '../../components/error-alert'
import { useAsyncAction } from '../../components/use-async-action'
import { formatUkDate, todayIso } from '../../format/uk-date'
import { useCohortStore } from '../../stores/cohort-store'
import { useNavigationStore } from '../../stores/navigation-store'
import { useProgrammeStore } from '../../stores/programme-store'
import { BookIntoClinic } from '../clinics/book-into-clinic'
import type { PatientPageData } from './patient-page-data'

export function PatientActions({ page, onChanged }: { page: PatientPageData; onChanged: () => void }) {
  const [booked, setBooked] = useState<string | null>(null)
  const bookedMessage = useRef<HTMLParagraphElement>(null)
  // The picker and its button are made afresh after a booking: the keyboard carries on from the message.
  useEffect(() => {
    if (booked) bookedMessage.current?.focus()
  }, [booked])
  const open = useAsyncAction()
  const go = useNavigationStore((state) => state.go)
  const setCurrentCohort = useCohortStore((state) => state.setCurrent)
  const setBuildFor = useProgrammeStore((state) => state.setBuildFor)
  const p = page.patient
  const next = page.reInvitation

  const openInvitations = (cohortId: number) =>
    void open.run(async () => {
      const snapshot = await api['cohorts.get']({ cohortId })
      setCurrentCohort(snapshot)
      setBuildFor(snapshot.programmeId)
      go('cohorts')
    })

  const toContactPreferences = () => {
    const first = document.getElementById('contact-sms-declined')
    first?.scrollIntoView({ block: 'center' })
    first?.focus()
  }

  return (
    <Card title="Act for this patient">
      <h3>Book into a clinic</h3>
      {p.noLongerRegistered ? (
        <p>Not offered: the registration status says the patient has died or left the practice.</p>
      ) : (
        <div className="patient-booking">
          {/* Keyed by the appointments: after a booking the picker lists the clinics' free slots afresh. */}
          <BookIntoClinic
            key={page.appointments.length}
            nhsNumber={p.nhsNumber}
            from={todayIso()}
            pickerId="patient-book-clinic"
            pickerLabel="Clinic to book into"
            buttonLabel="Book appointment"
            refusedTitle="The patient was not booked"
            onBooked={(clinic, start) => {
              setBooked(clinic ? `Booked into ${clinic.type} on ${formatUkDate(clinic.date)} at ${start}.` : `Booked at ${start}.`)
              onChanged()
            }}
          />
        </div>
      )}
      {booked && (
        <p className="alert alert-success patient-booked" role="status" tabIndex={-1} ref={bookedMessage}>
          {booked}
        </p>
      )}

      <h3>Re-invite</h3>
      <p id="patient-reinvite-explanation">{next.explanation}</p>
      {next.cohortId !== null && (
        <BusyButton
          variant="secondary"
          busy={open.busy}
          busyLabel="Opening…"
          aria-describedby="patient-reinvite-explanation"
          onClick={() => next.cohortId !== null && openInvitations(next.cohortId)}
        >
          {next.attempt === null ? `Open the cohort “${next.cohortName ?? next.cohortId}”` : `Open the invitations of “${next.cohortName ?? next.cohortId}”`}
        </BusyButton>
      )}
      <ErrorAlert message={open.error} title="The cohort could not be opened" />

      <h3>Contact preferences</h3>
      <p>
        SMS {page.contact.smsDeclined ? 'declined' : 'allowed'}, {page.contact.largePrint ? 'large print' : 'standard print'}, preferred{' '}
        {page.contact.preferredChannel === 'any' ? 'SMS if possible, else a letter' : page.contact.preferredChannel === 'letter' ? 'letter' : 'phone call'}
        {page.contact.noContact ? ', no contact permitted' : ''}.{' '}
        <button type="button" className="button-link" onClick={toContactPreferences}>
          Record contact preferences
        </button>
      </p>
    </Card>
  )
}
