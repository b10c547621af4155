// A clinic's slots in time order: who is booked into each, what happened at the visit, and the
// buttons for what can be done with it now (book a free slot; record the visit or a did-not-attend
// from the clinic day, the did-not-attend confirmed in the row and undoable; cancel or rebook a
// booking; print the patient's summary of a visit).
import type { OperationOutput } from '../../../../shared/contract'
import { DataTable } from '../../components/data-table'
import { formatBp } from '../../format/blood-pressure'
import { formatNhsNumber } from '../../format/nhs-number'
import { formatUkDate } from '../../format/uk-date'
import { adherenceStatuses, medicineChangeKinds, nonAdherenceReasons } from '../../../../shared/domain/medication-adherence'
import { actionOptions } from './record-visit-form'
import { SummaryButton } from './visit-outcome'
import { DidNotAttendConfirm } from './did-not-attend-confirm'
import { didNotAttendButtonId } from './use-did-not-attend'

type Slot = OperationOutput<'clinics.get'>['slots'][number]
export type Appointment = NonNullable<Slot['appointment']>

const statusLabels: Record<Appointment['status'], string> = {
  booked: 'Booked',
  attended: 'Attended',
  'did-not-attend': 'Did not attend',
  cancelled: 'Cancelled'
}

const actionLabels = new Map(actionOptions.map((o) => [o.value, o.label]))
const adherenceLabels = new Map<string, string>(adherenceStatuses.map((s) => [s.id, s.label]))
const reasonLabels = new Map<string, string>(nonAdherenceReasons.map((r) => [r.id, r.label]))
const changeLabels = new Map<string, string>(medicineChangeKinds.map((k) => [k.id, k.label]))

/** A slot with no appointment, or whose appointment was cancelled, can be booked. */
function booked(slot: Slot): Appointment | null {
  return slot.appointment === null || slot.appointment.status === 'cancelled' ? null : slot.appointment
}

/**
 * What was done at the visit, read back from the record: a same-day risk prompt first, the form's
 * scores and referrals, the actions taken and the note.
 */
function VisitSummary({ appointment }: { appointment: Appointment }) {
  if (appointment.status !== 'attended') return null
  const actions = appointment.actions.map((a) => actionLabels.get(a) ?? a)
  const visit = appointment.visit
  return (
    <>
      {visit?.riskPrompt && <strong className="visit-risk">Same-day risk prompted (PHQ-9 item 9)</strong>}
      {visit && visit.scores.length > 0 && <span className="visit-line">{visit.scores.map((s) => `${s.name} ${s.score} ${s.bandLabel}`).join(' · ')}</span>}
      {visit?.record?.form === 'bp-review' && <BpReviewLines record={visit.record} />}
      {visit && visit.referrals.length > 0 && (
        <span className="visit-line">{visit.referrals.map((r) => `${r.kind === 'sent' ? 'Referred' : 'Signposted'}: ${r.service}`).join(' · ')}</span>
      )}
      <span className="visit-line">{actions.length > 0 ? actions.join(', ') : <span className="muted">No actions recorded</span>}</span>
      {appointment.note && <span className="visit-note">Note: {appointment.note}</span>}
    </>
  )
}

type BpReviewRecord = Extract<NonNullable<NonNullable<Appointment['visit']>['record']>, { form: 'bp-review' }>

/** What a BP review recorded about medicines: adherence other than "taking as prescribed", with why, and each change. */
function BpReviewLines({ record }: { record: BpReviewRecord }) {
  const adherence = record.adherence
  const notTaking = adherence && adherence.status !== 'taking'
  return (
    <>
      {record.bpDeclined && <span className="visit-line">BP declined by the patient</span>}
      {notTaking && (
        <span className="visit-line">
          {adherenceLabels.get(adherence.status) ?? adherence.status}
          {adherence.reasons.length > 0 &&
            `: ${adherence.reasons.map((r) => (r === 'other' && adherence.otherReason ? adherence.otherReason : (reasonLabels.get(r) ?? r))).join(', ')}`}
        </span>
      )}
      {record.medicineChanges.map((c, i) => (
        <span className="visit-line" key={i}>
          {changeLabels.get(c.kind) ?? c.kind}: {c.drug}
        </span>
      ))}
    </>
  )
}

interface Props {
  slots: Slot[]
  /** The clinic is after today: visits and did-not-attends wait for its day. */
  notYet: boolean
  /** A did-not-attend or its undo is being recorded: their buttons wait. */
  dnaBusy: boolean
  /** The appointment whose did-not-attend is being confirmed in its row, if any. */
  confirmingDna: number | null
  onBook: (slotIndex: number) => void
  onRecordVisit: (appointment: Appointment) => void
  /** "Did not attend" pressed: ask in the row first. */
  onAskDidNotAttend: (appointment: Appointment) => void
  onConfirmDidNotAttend: (appointment: Appointment, start: string) => void
  onCancelDidNotAttend: () => void
  onUndoDidNotAttend: (appointment: Appointment, start: string) => void
  onChange: (appointment: Appointment) => void
}

export function ClinicSlotsTable(props: Props) {
  const {
    slots,
    notYet,
    dnaBusy,
    confirmingDna,
    onBook,
    onRecordVisit,
    onAskDidNotAttend,
    onConfirmDidNotAttend,
    onCancelDidNotAttend,
    onUndoDidNotAttend,
    onChange
  } = props
  return (
    <DataTable<Slot>
      label="Clinic slots"
      rows={slots}
      rowKey={(slot) => slot.slotIndex}
      rowClassName={(slot) => (booked(slot) ? undefined : 'row-free')}
      columns={[
        { id: 'time', header: 'Time', cell: (slot) => slot.start, sortValue: (slot) => slot.start },
        {
          id: 'patient',
          header: 'Patient',
          cell: (slot) => booked(slot)?.name ?? <span className="muted">Free</span>,
          sortValue: (slot) => booked(slot)?.name
        },
        {
          id: 'nhs',
          header: 'NHS number',
          cell: (slot) => {
            const appointment = booked(slot)
            return appointment ? formatNhsNumber(appointment.nhsNumber) : ''
          },
          cellClassName: 'nowrap',
          sortValue: (slot) => booked(slot)?.nhsNumber
        },
        {
          id: 'status',
          header: 'Status',
          cell: (slot) => slot.appointment && <span className={`status status-${slot.appointment.status}`}>{statusLabels[slot.appointment.status]}</span>,
          sortValue: (slot) => (slot.appointment ? statusLabels[slot.appointment.status] : null)
        },
        { id: 'bp', header: 'BP', cell: (slot) => (slot.appointment?.bp ? formatBp(slot.appointment.bp) : '') },
        {
          id: 'visit',
          header: 'At the visit',
          cell: (slot) => {
            const appointment = booked(slot)
            return appointment ? <VisitSummary appointment={appointment} /> : null
          },
          cellClassName: 'visit-summary'
        },
        {
          id: 'follow-up',
          header: 'Follow-up due',
          cell: (slot) => (slot.appointment?.followUpDue ? formatUkDate(slot.appointment.followUpDue) : ''),
          cellClassName: 'nowrap',
          sortValue: (slot) => slot.appointment?.followUpDue
        },
        {
          id: 'actions',
          header: 'Actions',
          cellClassName: 'nowrap',
          cell: (slot) => {
            const appointment = slot.appointment
            if (appointment && confirmingDna === appointment.appointmentId) {
              return (
                <DidNotAttendConfirm
                  id={`appointment-${appointment.appointmentId}-dna-confirm`}
                  name={appointment.name}
                  start={slot.start}
                  busy={dnaBusy}
                  onConfirm={() => onConfirmDidNotAttend(appointment, slot.start)}
                  onCancel={onCancelDidNotAttend}
                />
              )
            }
            return (
              <>
                {!booked(slot) && (
                  <button
                    type="button"
                    className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                    aria-label={`Book slot ${slot.start}`}
                    onClick={() => onBook(slot.slotIndex)}
                  >
                    Book
                  </button>
                )}
                {appointment?.status === 'booked' && notYet && <span className="muted">Record from the clinic day · </span>}
                {appointment?.status === 'booked' && !notYet && (
                  <>
                    <button
                      type="button"
                      className="nhsuk-button nhsuk-button--small"
                      aria-label={`Record visit for ${appointment.name}`}
                      onClick={() => onRecordVisit(appointment)}
                    >
                      Record visit
                    </button>{' '}
                    <button
                      type="button"
                      id={didNotAttendButtonId(appointment.appointmentId)}
                      className="nhsuk-button nhsuk-button--warning nhsuk-button--small"
                      aria-label={`Did not attend: ${appointment.name}`}
                      disabled={dnaBusy}
                      onClick={() => onAskDidNotAttend(appointment)}
                    >
                      Did not attend
                    </button>{' '}
                  </>
                )}
                {/* A did-not-attend recorded by mistake (the patient was in the waiting room) is put back to booked. */}
                {appointment?.status === 'did-not-attend' && (
                  <button
                    type="button"
                    className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                    aria-label={`Undo did not attend: ${appointment.name}`}
                    disabled={dnaBusy}
                    onClick={() => onUndoDidNotAttend(appointment, slot.start)}
                  >
                    Undo did not attend
                  </button>
                )}
                {/* After the visit: the patient's summary can be printed again (the printer was busy, a second copy). */}
                {appointment?.status === 'attended' && <SummaryButton appointmentId={appointment.appointmentId} name={appointment.name} compact />}
                {/* Before the clinic day only cancelling or rebooking makes sense; on the day, after the visit buttons. */}
                {appointment?.status === 'booked' && (
                  <button
                    type="button"
                    className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                    aria-label={`Cancel or rebook: ${appointment.name}`}
                    onClick={() => onChange(appointment)}
                  >
                    Cancel / rebook
                  </button>
                )}
              </>
            )
          }
        }
      ]}
    />
  )
}
