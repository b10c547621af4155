// Book one patient into a clinic session with a free slot, from a date onwards: the one booking
// control for a follow-up after a visit and for every worklist row. The double-booking rules run in
// the service; a refusal is shown here in its own words, and takes focus so it is not missed.
import { useEffect, useRef, useState } from 'react'
import type { OperationOutput } from '../../../../shared/contract'
import { api } from '../../api/client'
import { BusyButton } from '../../components/busy-button'
import { ErrorAlert } from '../../components/error-alert'
import { FocusWhenShown } from '../../components/focus-when-shown'
import { useAsyncAction } from '../../components/use-async-action'
import { ClinicPicker, useBookableClinics } from './clinic-picker'

export type BookableClinic = OperationOutput<'clinics.list'>['clinics'][number]

interface Props {
  nhsNumber: string
  /** The first day a clinic may be on (YYYY-MM-DD). */
  from: string
  /** The picker's id (unique on the page) and its visible label. */
  pickerId: string
  pickerLabel: string
  buttonLabel: string
  /** The title of the alert when the booking is refused. */
  refusedTitle: string
  /** Move focus to the clinic picker when shown: the user has just asked to book this patient. */
  focusOnMount?: boolean
  /** Told which clinic and slot start the patient was booked into. */
  onBooked: (clinic: BookableClinic | undefined, start: string) => void
}

export function BookIntoClinic({ nhsNumber, from, pickerId, pickerLabel, buttonLabel, refusedTitle, focusOnMount, onBooked }: Props) {
  const { bookable } = useBookableClinics(from)
  const [target, setTarget] = useState<number | null>(null)
  const [attempt, setAttempt] = useState(0)
  const book = useAsyncAction()
  const picker = useRef<HTMLSelectElement>(null)

  useEffect(() => {
    if (focusOnMount) picker.current?.focus()
  }, [focusOnMount])

  return (
    <>
      <div className="form-row">
        <ClinicPicker id={pickerId} label={pickerLabel} clinics={bookable} value={target} onChange={setTarget} selectRef={picker} />
        <BusyButton
          type="button"
          busy={book.busy}
          busyLabel="Booking…"
          disabled={target === null}
          onClick={() =>
            void book
              .run(async () => {
                if (target === null) throw new Error(`${pickerLabel}: choose a clinic.`)
                const result = await api['appointments.book']({ clinicId: target, nhsNumber })
                onBooked(
                  bookable.find((c) => c.clinicId === target),
                  result.start
                )
              })
              .then(() => setAttempt((n) => n + 1))
          }
        >
          {buttonLabel}
        </BusyButton>
      </div>
      <FocusWhenShown token={book.error ? attempt : null}>
        <ErrorAlert message={book.error} title={refusedTitle} />
      </FocusWhenShown>
    </>
  )
}
