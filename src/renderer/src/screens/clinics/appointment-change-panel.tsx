// Cancel or rebook one booked appointment. A cancellation keeps the appointment as history
// with its reason and frees the slot; a rebooking moves the patient to another clinic in one step.
import { useState } from 'react'
import { api } from '../../api/client'
import { BusyButton } from '../../components/busy-button'
import { ErrorAlert } from '../../components/error-alert'
import { FormField } from '../../components/form-field'
import { useAsyncAction } from '../../components/use-async-action'
import { todayIso } from '../../format/uk-date'
import { ClinicPicker, useBookableClinics } from './clinic-picker'

interface Props {
  appointmentId: number
  clinicId: number
  patientName: string
  onDone: (message: string) => void
  onClose: () => void
}

export function AppointmentChangePanel({ appointmentId, clinicId, patientName, onDone, onClose }: Props) {
  const [reason, setReason] = useState('')
  const [target, setTarget] = useState<number | null>(null)
  const { bookable, error } = useBookableClinics(todayIso(), clinicId)
  const cancel = useAsyncAction()
  const rebook = useAsyncAction()

  return (
    <section className="appointment-change" aria-label={`Change appointment for ${patientName}`}>
      <h3>Change appointment: {patientName}</h3>
      <ErrorAlert message={error} />
      <div className="form-row">
        <ClinicPicker id={`rebook-${appointmentId}`} label="Move to clinic" clinics={bookable} value={target} onChange={setTarget} />
        <BusyButton
          type="button"
          busy={rebook.busy}
          busyLabel="Rebooking…"
          disabled={target === null}
          onClick={() =>
            void rebook.run(async () => {
              if (target === null) throw new Error('Move to clinic: choose the clinic to move the appointment to.')
              const moved = await api['appointments.rebook']({ appointmentId, clinicId: target })
              onDone(`${patientName} rebooked at ${moved.start} in the chosen clinic.`)
            })
          }
        >
          Rebook
        </BusyButton>
      </div>
      <ErrorAlert message={rebook.error} title="Not rebooked" />
      <div className="form-row">
        <FormField
          id={`cancel-reason-${appointmentId}`}
          label="Reason for cancelling"
          width="wide"
          control={(control) => (
            <input
              {...control}
              type="text"
              maxLength={200}
              value={reason}
              placeholder="e.g. patient asked to cancel"
              onChange={(event) => setReason(event.target.value)}
            />
          )}
        />
        <BusyButton
          type="button"
          variant="warning"
          busy={cancel.busy}
          busyLabel="Cancelling…"
          onClick={() =>
            void cancel.run(async () => {
              await api['appointments.cancel']({ appointmentId, ...(reason.trim() ? { reason: reason.trim() } : {}) })
              onDone(`${patientName}'s appointment was cancelled; the slot is free again.`)
            })
          }
        >
          Cancel appointment
        </BusyButton>
      </div>
      <ErrorAlert message={cancel.error} title="Not cancelled" />
      <button type="button" className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" onClick={onClose}>
        Close
      </button>
    </section>
  )
}
