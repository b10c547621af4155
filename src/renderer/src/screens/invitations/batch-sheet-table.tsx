import type { OperationOutput } from '../../../../shared/contract'
import { formatNhsNumber } from '../../format/nhs-number'
import { DataTable } from '../../components/data-table'

// writeByHand may be missing on rows made from a batch's not-invited list.
type SheetRow = Omit<OperationOutput<'invitations.createBatch'>['sheet'][number], 'writeByHand'> & { writeByHand?: boolean }

const channelText: Record<string, string> = {
  sms: 'SMS',
  letter: 'Letter',
  'large-print letter': 'Large-print letter',
  phone: 'Phone call'
}

/** Interpreter, another language, large print: what the clinic plans for. */
function needsText(row: SheetRow): string {
  return [
    row.interpreterRequired ? `Interpreter${row.mainLanguage ? ` (${row.mainLanguage})` : ''}` : null,
    !row.interpreterRequired && row.mainLanguage && !/^english$/i.test(row.mainLanguage) ? `Language: ${row.mainLanguage}` : null,
    row.largePrint ? 'Large print' : null
  ]
    .filter(Boolean)
    .join('; ')
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
      <DataTable<SheetRow>
        label="Batch sheet"
        scroll
        rows={rows}
        rowKey={(row) => row.nhsNumber}
        columns={[
          { id: 'nhs', header: 'NHS number', cell: (row) => formatNhsNumber(row.nhsNumber), cellClassName: 'nowrap' },
          { id: 'name', header: 'Name', cell: (row) => row.name },
          {
            id: 'channel',
            header: 'Invited by',
            cell: (row) => (row.channel === null ? 'Not invited' : (channelText[row.channel] ?? row.channel)),
            cellClassName: (row) => (row.channel === null ? 'text-warning' : undefined)
          },
          { id: 'contact', header: 'Mobile or phone', cell: (row) => row.contact ?? '', cellClassName: 'nowrap' },
          { id: 'needs', header: 'Needs', cell: needsText },
          {
            id: 'note',
            header: 'Note or reason',
            cell: (row) => (
              <>
                {row.writeByHand ? <strong>Write by hand: </strong> : null}
                {row.note ?? ''}
              </>
            ),
            cellClassName: (row) => (row.writeByHand ? 'text-warning' : undefined)
          }
        ]}
      />
    </>
  )
}
