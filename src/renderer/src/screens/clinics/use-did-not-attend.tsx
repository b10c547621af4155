// Marking a did-not-attend, with its confirmation, and undoing one: the same steps wherever an
// appointment's outcome is recorded (the clinic's slots, appointments left open in a past clinic, the
// re-invite list). One appointment is asked about at a time; the result (or the refusal) is shown in a
// notice that takes focus, and the notice of a did-not-attend carries its own "Undo did not attend",
// so a slip is put right from where the user already is. Every undo is in the activity log.
import { useEffect, useState } from 'react'
import { api } from '../../api/client'
import { BusyButton } from '../../components/busy-button'
import { ErrorAlert } from '../../components/error-alert'
import { FocusWhenShown } from '../../components/focus-when-shown'
import { useAsyncAction } from '../../components/use-async-action'

export interface DnaTarget {
  appointmentId: number
  name: string
  /** The slot's time, e.g. "14:00" (an undo reads it back from the service). */
  start: string
}

type Notice = DnaTarget & { kind: 'marked' | 'undone' }

/** The id of an appointment's "Did not attend" button, so Cancel can hand focus back to it. */
export const didNotAttendButtonId = (appointmentId: number) => `appointment-${appointmentId}-dna`

export function useDidNotAttend(onChanged: () => void) {
  const [confirming, setConfirming] = useState<number | null>(null)
  const [notice, setNotice] = useState<Notice | null>(null)
  const [attempt, setAttempt] = useState(0)
  const [returnFocus, setReturnFocus] = useState<number | null>(null)
  const action = useAsyncAction()

  // After Cancel the row's buttons are back; focus returns to the one that asked.
  useEffect(() => {
    if (returnFocus === null) return
    document.getElementById(didNotAttendButtonId(returnFocus))?.focus()
    setReturnFocus(null)
  }, [returnFocus])

  const done = () => setAttempt((n) => n + 1)

  const mark = (target: DnaTarget) =>
    void action
      .run(async () => {
        await api['appointments.markDidNotAttend']({ appointmentId: target.appointmentId })
        setConfirming(null)
        setNotice({ ...target, kind: 'marked' })
        onChanged()
      })
      .then(done)

  const undo = (target: DnaTarget) => {
    setConfirming(null)
    void action
      .run(async () => {
        const undone = await api['appointments.undoDidNotAttend']({ appointmentId: target.appointmentId })
        setNotice({ ...target, start: undone.start, kind: 'undone' })
        onChanged()
      })
      .then(done)
  }

  return {
    /** The appointment whose did-not-attend is being confirmed, if any. */
    confirming,
    busy: action.busy,
    ask(appointmentId: number) {
      setNotice(null)
      action.setError(null)
      setConfirming(appointmentId)
    },
    cancel() {
      setReturnFocus(confirming)
      setConfirming(null)
    },
    /** Forgets the last notice (another action on the screen has taken over). */
    clear() {
      setNotice(null)
      setConfirming(null)
      action.setError(null)
    },
    mark,
    undo,
    /** What happened, focused when it appears; null when there is nothing to say. */
    feedback: (
      <FocusWhenShown token={notice || action.error ? attempt : null}>
        <ErrorAlert message={action.error} title="Nothing was changed" />
        {notice?.kind === 'marked' && (
          <div className="alert alert-info dna-notice" role="status">
            <p>
              {notice.name} marked as did not attend the {notice.start} appointment. They are on the re-invite list.
            </p>
            <BusyButton type="button" variant="secondary" className="nhsuk-button--small" busy={action.busy} busyLabel="Undoing…" onClick={() => undo(notice)}>
              Undo did not attend
            </BusyButton>
          </div>
        )}
        {notice?.kind === 'undone' && (
          <p className="alert alert-success" role="status">
            Did not attend undone: {notice.name} is booked again at {notice.start} and is off the re-invite list. Record the visit when they are seen.
          </p>
        )}
      </FocusWhenShown>
    )
  }
}
