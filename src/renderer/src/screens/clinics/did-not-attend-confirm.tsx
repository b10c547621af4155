// "Did not attend" sits one click from "Record visit", and a mistaken one takes the patient off the
// clinic and onto the re-invite list. So it asks first, inline where the button was (not a browser
// dialog, which a screen reader user loses their place behind): the question names the patient and the
// time, so the wrong row is caught before anything is written. Focus moves to the question, not to
// "Yes", so a second press of Enter on the original button cannot confirm by accident.
import { useEffect, useRef } from 'react'
import { BusyButton } from '../../components/busy-button'

interface Props {
  /** Unique on the page: the question's id is made from it. */
  id: string
  name: string
  /** The appointment's time, e.g. "14:00"; with `when` for an appointment on another day. */
  start: string
  when?: string
  busy: boolean
  onConfirm: () => void
  onCancel: () => void
}

export function didNotAttendQuestion(name: string, start: string, when?: string): string {
  return `Mark ${name} as did not attend the ${start} appointment${when ? ` on ${when}` : ''}?`
}

export function DidNotAttendConfirm({ id, name, start, when, busy, onConfirm, onCancel }: Props) {
  const group = useRef<HTMLDivElement>(null)
  useEffect(() => group.current?.focus(), [])
  const questionId = `${id}-question`
  return (
    <div
      ref={group}
      className="inline-confirm"
      role="group"
      aria-labelledby={questionId}
      tabIndex={-1}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel()
      }}
    >
      <p id={questionId} className="inline-confirm-question">
        {didNotAttendQuestion(name, start, when)}
      </p>
      <BusyButton type="button" variant="warning" className="nhsuk-button--small" busy={busy} busyLabel="Marking…" onClick={onConfirm}>
        Yes
      </BusyButton>{' '}
      <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={onCancel} disabled={busy}>
        Cancel
      </button>
    </div>
  )
}
