// Book a patient from a worklist row (follow-ups due, did not attend, invited but not booked,
// non-responders) into a clinic with a free slot, through the one booking control. It opens under
// its row only, one row at a time (the screen keeps which), takes focus to the clinic picker, and
// closes with its Close button or Escape, handing focus back to the row's Book button.
// Its look is the clinics' panel, on whichever screen the worklist is.
import '../../styles/clinics.css'
import { formatUkDate, todayIso } from '../../format/uk-date'
import { BookIntoClinic } from '../clinics/book-into-clinic'

/** The id of the booking panel opened under a row, for the row's Book button to point at (aria-controls). */
export const bookingPanelId = (idPrefix: string) => `${idPrefix}-booking`
/** The id of the row's Book button, so closing the panel can hand focus back to it. */
export const bookButtonId = (idPrefix: string) => `${idPrefix}-book`

export function BookFromWorklist({
  name,
  nhsNumber,
  idPrefix,
  onBooked,
  onClose
}: {
  name: string
  nhsNumber: string
  /** Unique on the page: every id of the panel is made from it. */
  idPrefix: string
  onBooked: (message: string) => void
  onClose: () => void
}) {
  const close = () => {
    onClose()
    // The panel is gone after this render; the Book button of its row stays.
    requestAnimationFrame(() => document.getElementById(bookButtonId(idPrefix))?.focus())
  }
  return (
    <section
      id={bookingPanelId(idPrefix)}
      className="appointment-change"
      aria-label={`Book ${name}`}
      onKeyDown={(event) => {
        if (event.key === 'Escape') close()
      }}
    >
      <h3>Book {name} into a clinic</h3>
      <BookIntoClinic
        nhsNumber={nhsNumber}
        from={todayIso()}
        pickerId={`${idPrefix}-clinic`}
        pickerLabel={`Clinic for ${name}`}
        buttonLabel="Book into clinic"
        refusedTitle="Not booked"
        focusOnMount
        onBooked={(clinic, start) => onBooked(`${name} booked: ${clinic ? `${clinic.type}, ${formatUkDate(clinic.date)}` : 'clinic'} at ${start}.`)}
      />
      <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={close}>
        Close
      </button>
    </section>
  )
}

/** A worklist row's Book button: opens (or closes) the booking panel under its row, and says which it is doing. */
export function WorklistBookButton({ idPrefix, open, label, onToggle }: { idPrefix: string; open: boolean; label: string; onToggle: () => void }) {
  return (
    <button
      type="button"
      id={bookButtonId(idPrefix)}
      className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
      aria-label={label}
      aria-expanded={open}
      // Only while the panel exists: a reference to a missing id is an error to assistive technology.
      aria-controls={open ? bookingPanelId(idPrefix) : undefined}
      onClick={onToggle}
    >
      Book
    </button>
  )
}
