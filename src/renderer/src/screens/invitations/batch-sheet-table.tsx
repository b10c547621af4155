import type { OperationOutput } from '../../../../shared/contract'
import { formatNhsNumber } from '../../format/nhs-number'
import { ScrollArea } from '../../components/scroll-area'

// writeByHand may be missing on rows made from a batch's not-invited list.
type SheetRow = Omit<OperationOutput<'invitations.createBatch'>['sheet'][number], 'writeByHand'> & { writeByHand?: boolean }

const channelText: Record<string, string> = {
  sms: 'SMS',
  letter: 'Letter',
  'large-print letter': 'Large-print letter',
  phone: 'Phone call'
}

/** The batch sheet on screen: every member once, how they are invited or why not, and their needs. */
export function BatchSheetTable({ rows }: { rows: readonly SheetRow[] }) {
  const notInvited = rows.filter((r) => r.channel === null).length
  const byHand = rows.filter((r) => r.writeByHand === true).length
  return (
    <>
      <h3>Batch sheet</h3>
      <p className="hint">
        {rows.length} member{rows.length === 1 ? '' : 's'}; {notInvited} not invited (reason given). Interpreter and large-print needs are marked so the clinic
        can plan for them.
      </p>
      {byHand > 0 && (
        <div className="alert alert-warning" role="alert" aria-label="Letters to write by hand">
          {byHand} letter{byHand === 1 ? '' : 's'} to finish by hand: the PDF cannot print all of the name or address (marked below with what to write).
        </div>
      )}
      <ScrollArea label="Batch sheet">
        <table className="table" aria-label="Batch sheet">
          <thead>
            <tr>
              <th scope="col">NHS number</th>
              <th scope="col">Name</th>
              <th scope="col">Invited by</th>
              <th scope="col">Mobile or phone</th>
              <th scope="col">Needs</th>
              <th scope="col">Note or reason</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.nhsNumber}>
                <td className="nowrap">{formatNhsNumber(row.nhsNumber)}</td>
                <td>{row.name}</td>
                <td className={row.channel === null ? 'text-warning' : undefined}>
                  {row.channel === null ? 'Not invited' : (channelText[row.channel] ?? row.channel)}
                </td>
                <td className="nowrap">{row.contact ?? ''}</td>
                <td>
                  {[
                    row.interpreterRequired ? `Interpreter${row.mainLanguage ? ` (${row.mainLanguage})` : ''}` : null,
                    !row.interpreterRequired && row.mainLanguage && !/^english$/i.test(row.mainLanguage) ? `Language: ${row.mainLanguage}` : null,
                    row.largePrint ? 'Large print' : null
                  ]
                    .filter(Boolean)
                    .join('; ')}
                </td>
                <td className={row.writeByHand ? 'text-warning' : undefined}>
                  {row.writeByHand ? <strong>Write by hand: </strong> : null}
                  {row.note ?? ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollArea>
    </>
  )
}
