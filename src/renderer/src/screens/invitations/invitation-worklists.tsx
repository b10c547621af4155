import type { OperationOutput } from '../../../../shared/contract'
import { Card } from '../../components/card'
import { formatNhsNumber } from '../../format/nhs-number'
import { formatUkDate } from '../../format/uk-date'
import { ScrollArea } from '../../components/scroll-area'

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

function PatientsTable({ label, patients, showCodes, today }: { label: string; patients: Patient[]; showCodes?: boolean; today?: string }) {
  return (
    <ScrollArea label={label}>
      <table className="table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">NHS number</th>
            <th scope="col">Name</th>
            <th scope="col">Invitations</th>
            {showCodes ? <th scope="col">Codes to record</th> : <th scope="col">Next invitation</th>}
          </tr>
        </thead>
        <tbody>
          {patients.map((p) => (
            <tr key={p.nhsNumber}>
              <td className="nowrap">{formatNhsNumber(p.nhsNumber)}</td>
              <td>{p.name}</td>
              <td>
                {p.invitations.map((i) => (
                  <div key={`${i.attempt}-${i.sentOn}`} className="nowrap">
                    {i.attempt}. {channelName[i.channel]} on {formatUkDate(i.sentOn)}
                  </div>
                ))}
              </td>
              {showCodes ? (
                <td>
                  {p.invitations.map((i) => (
                    <div key={`${i.attempt}-${i.sentOn}`}>
                      <code>{i.code}</code> {i.term} <span className="muted">({formatUkDate(i.sentOn)})</span>
                    </div>
                  ))}
                </td>
              ) : (
                <td className="nowrap">
                  {p.noContact
                    ? 'No contact permitted: do not invite again'
                    : p.nextAttemptFrom === null
                      ? 'All three sent'
                      : today !== undefined && p.nextAttemptFrom <= today
                        ? `Due now (from ${formatUkDate(p.nextAttemptFrom)})`
                        : `From ${formatUkDate(p.nextAttemptFrom)}`}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollArea>
  )
}
