import { useEffect, useState, type FormEvent } from 'react'
import { api } from '../../api/client'
import { BusyButton } from '../../components/busy-button'
import { ErrorAlert } from '../../components/error-alert'
import { FormField } from '../../components/form-field'
import { useAsyncAction } from '../../components/use-async-action'
import { formatNhsNumber } from '../../format/nhs-number'
import { useCohortStore } from '../../stores/cohort-store'

interface Props {
  clinicId: number
  freeSlots: { slotIndex: number; start: string }[]
  preferredSlot: number | null
  onBooked: () => void
}

export function BookPatientForm({ clinicId, freeSlots, preferredSlot, onBooked }: Props) {
  const cohort = useCohortStore((state) => state.current)
  const [slotIndex, setSlotIndex] = useState<string>('')
  const [member, setMember] = useState('')
  const [nhsNumber, setNhsNumber] = useState('')
  const [booked, setBooked] = useState<string | null>(null)
  const book = useAsyncAction()

  useEffect(() => {
    if (preferredSlot === null) return
    setSlotIndex(String(preferredSlot))
    // The slot is chosen; take the user straight to choosing the patient.
    const patientField = document.getElementById('book-member') ?? document.getElementById('book-nhs')
    patientField?.focus()
  }, [preferredSlot])

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setBooked(null)
    void book.run(async () => {
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
  }

  if (freeSlots.length === 0) return <p className="alert alert-info">This clinic is fully booked.</p>

  return (
    <form className="form subform" onSubmit={submit} noValidate aria-label="Book a patient">
      <h3>Book a patient</h3>
      <div className="form-row">
        <FormField
          id="book-slot"
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
            id="book-member"
            label={<>Patient from cohort “{cohort.name}”</>}
            width="wide"
            control={(control) => (
              <select
                {...control}
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
          id="book-nhs"
          label="NHS number"
          control={(control) => (
            <input
              {...control}
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
      <ErrorAlert message={book.error} title="The patient was not booked" />
      {booked && (
        <p className="alert alert-success" role="status">
          {booked}
        </p>
      )}
    </form>
  )
}
