// After a visit: book the proposed follow-up into a clinic now, or leave it as due — it then appears
// on the Follow-ups worklist from a week before the due date ("booked or left as due").
import { useState } from 'react'
import { addDaysIso } from '../../../../shared/domain/iso-date'
import { FocusWhenShown } from '../../components/focus-when-shown'
import { formatUkDate } from '../../format/uk-date'
import { BookIntoClinic } from './book-into-clinic'

interface Props {
  /** Makes the picker's id unique on the page (the open clinic's prefix). */
  idPrefix: string
  name: string
  nhsNumber: string
  visitDate: string
  dueOn: string
  onBooked: () => void
}

export function FollowUpBooking({ idPrefix, name, nhsNumber, visitDate, dueOn, onBooked }: Props) {
  const [booked, setBooked] = useState<string | null>(null)

  // The booking controls have gone: the confirmation takes focus in their place.
  if (booked) {
    return (
      <FocusWhenShown token={1}>
        <p className="alert alert-success" role="status">
          {booked}
        </p>
      </FocusWhenShown>
    )
  }
  return (
    <section className="appointment-change" aria-label={`Follow-up for ${name}`}>
      <h3>
        Follow-up for {name}: due {formatUkDate(dueOn)}
      </h3>
      <p className="hint">
        Book it into a clinic now, or leave it as due: it will be on the Follow-ups list from {formatUkDate(addDaysIso(dueOn, -7))}, and a BP taken in the
        clinical system after today that arrives in an import also counts.
      </p>
      {/* Clinics after the visit day; those near the due date come first because the list is by date. */}
      <BookIntoClinic
        nhsNumber={nhsNumber}
        from={addDaysIso(visitDate, 1)}
        pickerId={`${idPrefix}-follow-up-clinic`}
        pickerLabel="Follow-up clinic"
        buttonLabel="Book follow-up"
        refusedTitle="The follow-up was not booked"
        onBooked={(clinic, start) => {
          setBooked(`Follow-up booked for ${name}: ${clinic ? formatUkDate(clinic.date) : ''} at ${start}.`)
          onBooked()
        }}
      />
    </section>
  )
}
