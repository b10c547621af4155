// Book a patient into the open clinic: a slot (the first free one unless chosen), and the patient from
// the open cohort or by NHS number. Every id is the clinic's own, and pressing Book on a slot moves
// focus to this form's patient field through a ref — never by looking an id up in the document, which
// once found another clinic's field and booked a keyboard user into the wrong clinic.
import { useEffect, useRef, useState, type FormEvent } from 'react'
import { api } from '../../api/client'
import { BusyButton } from '../../components/busy-button'
import { ErrorAlert } from '../../components/error-alert'
import { FocusWhenShown } from '../../components/focus-when-shown'
import { FormField } from '../../components/form-field'
import { useAsyncAction } from '../../components/use-async-action'
import { formatNhsNumber } from '../../format/nhs-number'
import { useCohortStore } from '../../stores/cohort-store'

/** A Book press on a slot; `seq` changes with every press, so pressing the same slot again still moves focus. */
export interface SlotRequest {
  slotIndex: number
  seq: number
}

interface Props {
  clinicId: number
  freeSlots: { slotIndex: number; start: string }[]
  slotRequest: SlotRequest | null
  onBooked: () => void
}

export function BookPatientForm({ clinicId, freeSlots, slotRequest, onBooked }: Props) {
  const cohort = useCohortStore((state) => state.current)
  const [slotIndex, setSlotIndex] = useState<string>('')
  const [member, setMember] = useState('')
  const [nhsNumber, setNhsNumber] = useState('')
  const [booked, setBooked] = useState<string | null>(null)
  const [attempt, setAttempt] = useState(0)
  const book = useAsyncAction()
  const memberField = useRef<HTMLSelectElement>(null)
  const nhsField = useRef<HTMLInputElement>(null)
  const id = (field: string) => `clinic-${clinicId}-${field}`

  useEffect(() => {
    if (slotRequest === null) return
    setSlotIndex(String(slotRequest.slotIndex))
    // The slot is chosen; take the user straight to choosing the patient, in this clinic's form.
    const patientField = memberField.current ?? nhsField.current
    patientField?.focus()
  }, [slotRequest])

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setBooked(null)
    void book
      .run(async () => {
        const digits = nhsNumber.replace(/\s+/g, '')
        if (!/^\d{10}$/.test(digits)) throw new Error('NHS number: enter the 10-digit NHS number, or choose a cohort member.')
        const result = await api['appointments.book']({
          clinicId,
          nhsNumber: digits,
          ...(slotIndex !== '' ? { slotIndex: Number(slotIndex) } : {})
        })
        setBooked(`Booked ${formatNhsNumber(digits)} at ${result.start}.`)
        setMember('')
        setNhsNumber('')
        setSlotIndex('')
        onBooked()
      })
      .then(() => setAttempt((n) => n + 1))
  }

  // The outcome of the last attempt stays on screen even when that booking filled the clinic.
  const result = (
    <FocusWhenShown token={booked || book.error ? attempt : null}>
      <ErrorAlert message={book.error} title="The patient was not booked" />
      {booked && (
        <p className="alert alert-success" role="status">
          {booked}
        </p>
      )}
    </FocusWhenShown>
  )

  if (freeSlots.length === 0) {
    return (
      <>
        <p className="alert alert-info">This clinic is fully booked.</p>
        {result}
      </>
    )
  }

  return (
    <form className="form subform" onSubmit={submit} noValidate aria-labelledby={id('book-heading')}>
      <h3 id={id('book-heading')}>Book a patient</h3>
      <div className="form-row">
        <FormField
          id={id('book-slot')}
          label="Slot"
          control={(control) => (
            <select {...control} value={slotIndex} onChange={(event) => setSlotIndex(event.target.value)}>
              <option value="">First free slot</option>
              {freeSlots.map((slot) => (
                <option key={slot.slotIndex} value={slot.slotIndex}>
                  {slot.start}
                </option>
              ))}
            </select>
          )}
        />
        {cohort && cohort.members.length > 0 && (
          <FormField
            id={id('book-member')}
            label={<>Patient from cohort “{cohort.name}”</>}
            width="wide"
            control={(control) => (
              <select
                {...control}
                ref={memberField}
                value={member}
                onChange={(event) => {
                  setMember(event.target.value)
                  setNhsNumber(event.target.value)
                }}
              >
                <option value="">Choose a patient…</option>
                {cohort.members.map((entry) => (
                  <option key={entry.patientId} value={entry.nhsNumber}>
                    {entry.name} — {formatNhsNumber(entry.nhsNumber)}
                    {entry.priority ? ` — ${entry.priority}` : ''}
                  </option>
                ))}
              </select>
            )}
          />
        )}
        <FormField
          id={id('book-nhs')}
          label="NHS number"
          control={(control) => (
            <input
              {...control}
              ref={nhsField}
              type="text"
              inputMode="numeric"
              autoComplete="off"
              value={nhsNumber}
              placeholder="943 476 5919"
              onChange={(event) => {
                setNhsNumber(event.target.value)
                setMember('')
              }}
            />
          )}
        />
      </div>
      {!cohort && <p className="hint">Build or open a cohort on the Cohorts screen to pick patients from a list.</p>}
      <BusyButton type="submit" busy={book.busy} busyLabel="Booking…">
        Book appointment
      </BusyButton>
      {result}
    </form>
  )
}
