// Non-responders with the codes to record, and patients invited but not yet booked. Either may phone
// in to book, so every row has a Book action: the one booking control opens under that row (one row at
// a time, across both lists), and the booking's result takes focus at the top of the lists.
import { useState } from 'react'
import type { OperationOutput } from '../../../../shared/contract'
import { Card } from '../../components/card'
import { DataTable, type Column } from '../../components/data-table'
import { FocusWhenShown } from '../../components/focus-when-shown'
import { formatNhsNumber } from '../../format/nhs-number'
import { formatUkDate } from '../../format/uk-date'
import { BookFromWorklist, WorklistBookButton } from '../worklists/book-from-worklist'

type Worklists = OperationOutput<'invitations.worklists'>
type Patient = Worklists['nonResponders'][number]

const channelName = { letter: 'letter', sms: 'SMS', phone: 'phone' } as const

/** Which list a row is in, for ids unique on the page: a patient is on one list at a time, but each list keeps its own. */
type ListId = 'non-responder' | 'invited'

const rowKey = (list: ListId, p: Patient) => `${list}-${p.nhsNumber}`

interface Booking {
  /** The row whose booking panel is open (rowKey), if any. */
  openFor: string | null
  toggle: (key: string) => void
  close: () => void
  booked: (message: string) => void
}

/** `onChanged` runs after a booking, so the screen reloads the lists (the patient leaves them). */
export function InvitationWorklists({ lists, today, onChanged }: { lists: Worklists; today: string; onChanged: () => void }) {
  const [openFor, setOpenFor] = useState<string | null>(null)
  const [notice, setNotice] = useState<{ text: string; seq: number } | null>(null)
  const booking: Booking = {
    openFor,
    toggle: (key) => {
      setNotice(null)
      setOpenFor(openFor === key ? null : key)
    },
    close: () => setOpenFor(null),
    booked: (message) => {
      setOpenFor(null)
      setNotice((last) => ({ text: message, seq: (last?.seq ?? 0) + 1 }))
      onChanged()
    }
  }
  return (
    <>
      <FocusWhenShown token={notice?.seq ?? null}>
        {notice && (
          <p className="alert alert-success" role="status">
            {notice.text}
          </p>
        )}
      </FocusWhenShown>
      <Card title={`Non-responders (${lists.nonResponders.length})`}>
        <p>
          Two invitations at least 7 days apart and no booking since (a did-not-attend is not a booking). Record these codes in EMIS or SystmOne (QOF
          HYP008/HYP009: invitation codes from HYPINVITE_COD). Clinic Recall never writes to the clinical system.
        </p>
        {lists.nonResponders.length === 0 ? (
          <p className="muted">No non-responders.</p>
        ) : (
          <PatientsTable list="non-responder" label="Non-responders" patients={lists.nonResponders} booking={booking} showCodes />
        )}
      </Card>
      <Card title={`Invited but not booked (${lists.invitedNotBooked.length})`}>
        {lists.invitedNotBooked.length === 0 ? (
          <p className="muted">Everyone invited has booked, or has become a non-responder.</p>
        ) : (
          <PatientsTable list="invited" label="Invited but not booked" patients={lists.invitedNotBooked} booking={booking} today={today} />
        )}
      </Card>
    </>
  )
}

/** When the next invitation may go, in words (the invited-but-not-booked list). */
function nextInvitation(p: Patient, today: string | undefined): string {
  if (p.noContact) return 'No contact permitted: do not invite again'
  if (p.nextAttemptFrom === null) return 'All three sent'
  return today !== undefined && p.nextAttemptFrom <= today ? `Due now (from ${formatUkDate(p.nextAttemptFrom)})` : `From ${formatUkDate(p.nextAttemptFrom)}`
}

function PatientsTable({
  list,
  label,
  patients,
  booking,
  showCodes,
  today
}: {
  list: ListId
  label: string
  patients: Patient[]
  booking: Booking
  showCodes?: boolean
  today?: string
}) {
  const columns: Column<Patient>[] = [
    { id: 'nhs', header: 'NHS number', cell: (p) => formatNhsNumber(p.nhsNumber), cellClassName: 'nowrap', sortValue: (p) => p.nhsNumber },
    { id: 'name', header: 'Name', cell: (p) => p.name, sortValue: (p) => p.name },
    {
      id: 'invitations',
      header: 'Invitations',
      cell: (p) =>
        p.invitations.map((i) => (
          <div key={`${i.attempt}-${i.sentOn}`} className="nowrap">
            {i.attempt}. {channelName[i.channel]} on {formatUkDate(i.sentOn)}
          </div>
        )),
      sortValue: (p) => p.invitations.length
    },
    showCodes
      ? {
          id: 'codes',
          header: 'Codes to record',
          cell: (p) =>
            p.invitations.map((i) => (
              <div key={`${i.attempt}-${i.sentOn}`}>
                <code>{i.code}</code> {i.term} <span className="muted">({formatUkDate(i.sentOn)})</span>
              </div>
            ))
        }
      : {
          id: 'next',
          header: 'Next invitation',
          cell: (p) => nextInvitation(p, today),
          cellClassName: 'nowrap',
          // Those never to be invited again, and those sent all three, after everyone with a date.
          sortValue: (p) => (p.noContact ? null : p.nextAttemptFrom)
        },
    {
      id: 'booking',
      header: 'Booking',
      cell: (p) => (
        <WorklistBookButton
          idPrefix={rowKey(list, p)}
          open={booking.openFor === rowKey(list, p)}
          label={`Book ${p.name}`}
          onToggle={() => booking.toggle(rowKey(list, p))}
        />
      )
    }
  ]
  return (
    <DataTable
      label={label}
      scroll
      rows={patients}
      rowKey={(p) => p.nhsNumber}
      columns={columns}
      expanded={(p) =>
        booking.openFor === rowKey(list, p) && (
          <BookFromWorklist name={p.name} nhsNumber={p.nhsNumber} idPrefix={rowKey(list, p)} onBooked={booking.booked} onClose={booking.close} />
        )
      }
    />
  )
}
