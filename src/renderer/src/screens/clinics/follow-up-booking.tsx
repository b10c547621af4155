// After a visit: book the proposed follow-up into a clinic now, or leave it as due — it then appears
// on the Follow-ups worklist from a week before the due date ("booked or left as due").
import { useState } from 'react'
import { api } from '../../api/client'
import { BusyButton } from '../../components/busy-button'
import { ErrorAlert } from '../../components/error-alert'
import { useAsyncAction } from '../../components/use-async-action'
import { formatUkDate } from '../../format/uk-date'
import { addDaysIso } from '../../../../shared/domain/iso-date'
import { ClinicPicker, useBookableClinics } from './clinic-picker'

interface Props {
  name: string
  nhsNumber: string
  visitDate: string
  dueOn: string
  onBooked: () => void
}

export function FollowUpBooking({ name, nhsNumber, visitDate, dueOn, onBooked }: Props) {
  // Clinics after the visit day; those near the due date come first because the list is by date.
  const { bookable } = useBookableClinics(addDaysIso(visitDate, 1))
  const [target, setTarget] = useState<number | null>(null)
  const [booked, setBooked] = useState<string | null>(null)
  const book = useAsyncAction()

  if (booked) {
    return (
      <p className="alert alert-success" role="status">
        {booked}
      </p>
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
      <div className="form-row">
        <ClinicPicker id="follow-up-clinic" label="Follow-up clinic" clinics={bookable} value={target} onChange={setTarget} />
        <BusyButton
          type="button"
          busy={book.busy}
          busyLabel="Booking…"
          disabled={target === null}
          onClick={() =>
            void book.run(async () => {
              if (target === null) throw new Error('Follow-up clinic: choose a clinic.')
              const result = await api['appointments.book']({ clinicId: target, nhsNumber })
              const chosen = bookable.find((c) => c.clinicId === target)
              setBooked(`Follow-up booked for ${name}: ${chosen ? formatUkDate(chosen.date) : ''} at ${result.start}.`)
              onBooked()
            })
          }
        >
          Book follow-up
        </BusyButton>
      </div>
      <ErrorAlert message={book.error} title="The follow-up was not booked" />
    </section>
  )
}
