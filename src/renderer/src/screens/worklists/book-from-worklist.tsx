// Book a patient from a worklist row (follow-ups due, did-not-attend) into a clinic with a free slot.
// The double-booking rules run in the service; a refusal is shown here in its own words.
import { useState } from 'react'
import { api } from '../../api/client'
import { BusyButton } from '../../components/busy-button'
import { ErrorAlert } from '../../components/error-alert'
import { useAsyncAction } from '../../components/use-async-action'
import { formatUkDate, todayIso } from '../../format/uk-date'
import { ClinicPicker, useBookableClinics } from '../clinics/clinic-picker'

export function BookFromWorklist({
  name,
  nhsNumber,
  idPrefix,
  onBooked
}: {
  name: string
  nhsNumber: string
  idPrefix: string
  onBooked: (message: string) => void
}) {
  const { bookable } = useBookableClinics(todayIso())
  const [target, setTarget] = useState<number | null>(null)
  const book = useAsyncAction()
  return (
    <div className="appointment-change" aria-label={`Book ${name}`}>
      <div className="form-row">
        <ClinicPicker id={`${idPrefix}-clinic`} label={`Clinic for ${name}`} clinics={bookable} value={target} onChange={setTarget} />
        <BusyButton
          type="button"
          busy={book.busy}
          busyLabel="Booking…"
          disabled={target === null}
          onClick={() =>
            void book.run(async () => {
              if (target === null) throw new Error('Choose a clinic.')
              const result = await api['appointments.book']({ clinicId: target, nhsNumber })
              const chosen = bookable.find((c) => c.clinicId === target)
              onBooked(`${name} booked: ${chosen ? `${chosen.type}, ${formatUkDate(chosen.date)}` : 'clinic'} at ${result.start}.`)
            })
          }
        >
          Book into clinic
        </BusyButton>
      </div>
      <ErrorAlert message={book.error} title="Not booked" />
    </div>
  )
}
