// Book a patient from a worklist row (follow-ups due, did-not-attend) into a clinic with a free slot.
import { formatUkDate, todayIso } from '../../format/uk-date'
import { BookIntoClinic } from '../clinics/book-into-clinic'

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
  return (
    <div className="appointment-change" aria-label={`Book ${name}`}>
      <BookIntoClinic
        nhsNumber={nhsNumber}
        from={todayIso()}
        pickerId={`${idPrefix}-clinic`}
        pickerLabel={`Clinic for ${name}`}
        buttonLabel="Book into clinic"
        refusedTitle="Not booked"
        onBooked={(clinic, start) => onBooked(`${name} booked: ${clinic ? `${clinic.type}, ${formatUkDate(clinic.date)}` : 'clinic'} at ${start}.`)}
      />
    </div>
  )
}
