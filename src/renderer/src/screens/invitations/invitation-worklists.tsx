import type { OperationOutput } from '../../../../shared/contract'
import { Card } from '../../components/card'
import { DataTable, type Column } from '../../components/data-table'
import { formatNhsNumber } from '../../format/nhs-number'
import { formatUkDate } from '../../format/uk-date'

type Worklists = OperationOutput<'invitations.worklists'>
type Patient = Worklists['nonResponders'][number]

const channelName = { letter: 'letter', sms: 'SMS', phone: 'phone' } as const

/** Non-responders with the codes to record, and patients invited but not yet booked. */
export function InvitationWorklists({ lists, today }: { lists: Worklists; today: string }) {
  return (
    <>
      <Card title={`Non-responders (${lists.nonResponders.length})`}>
        <p>
          Two invitations at least 7 days apart and no booking since (a did-not-attend is not a booking). Record these codes in EMIS or SystmOne (QOF
          HYP008/HYP009: invitation codes from HYPINVITE_COD). Clinic Recall never writes to the clinical system.
        </p>
        {lists.nonResponders.length === 0 ? (
          <p className="muted">No non-responders.</p>
        ) : (
          <PatientsTable label="Non-responders" patients={lists.nonResponders} showCodes />
        )}
      </Card>
      <Card title={`Invited but not booked (${lists.invitedNotBooked.length})`}>
        {lists.invitedNotBooked.length === 0 ? (
          <p className="muted">Everyone invited has booked, or has become a non-responder.</p>
        ) : (
          <PatientsTable label="Invited but not booked" patients={lists.invitedNotBooked} today={today} />
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

function PatientsTable({ label, patients, showCodes, today }: { label: string; patients: Patient[]; showCodes?: boolean; today?: string }) {
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
        }
  ]
  return <DataTable label={label} scroll rows={patients} rowKey={(p) => p.nhsNumber} columns={columns} />
}
