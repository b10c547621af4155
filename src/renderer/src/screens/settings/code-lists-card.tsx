import type { CodeListInfoT } from '../../../../shared/contract'
import { Card } from '../../components/card'
import { DataTable } from '../../components/data-table'
import { ErrorAlert } from '../../components/error-alert'
import { formatCount } from '../../format/count'

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/** The Source cell: short, as the Version column beside it carries the OpenCodelists version. */
function SourceText({ list }: { list: CodeListInfoT }) {
  switch (list.kind) {
    case 'nhs-refset':
      return 'NHS Digital Primary Care Domain refset'
    case 'starter':
      return <strong>{list.source}</strong>
    case 'other':
      return list.source
    default: {
      const never: never = list.kind
      return never
    }
  }
}

/** Every code list the app ships: what it is for, where it comes from, its version and size. */
export function CodeListsCard({ lists, error }: { lists: CodeListInfoT[] | null; error: string | null }) {
  const starters = lists?.filter((l) => l.kind === 'starter') ?? []
  const refsets = lists?.filter((l) => l.kind === 'nhs-refset') ?? []
  const others = lists?.filter((l) => l.kind === 'other') ?? []
  return (
    <Card title="Code library">
      <p>
        Clinic Recall reads each coded row of an export by looking its SNOMED CT code up in these lists. A code in a list always decides what the row means. A
        code in no list is read from its term if the term is clear; otherwise the row is left out. Both kinds are listed below the table.
      </p>
      <ErrorAlert message={error} title="The code lists could not be shown" />
      {lists === null && !error && <p className="muted">Loading…</p>}
      {lists && (
        <>
          <p>
            {plural(lists.length, 'list', 'lists')}:{' '}
            {plural(refsets.length, 'NHS Digital Primary Care Domain reference set', 'NHS Digital Primary Care Domain reference sets')}
            {others.length > 0 &&
              `, ${plural(others.length, 'other published list', 'other published lists')} (${others.map((o) => o.cluster.toLowerCase()).join(', ')})`}
            {starters.length > 0 && (
              <>
                {' '}
                and <strong>{plural(starters.length, 'starter list', 'starter lists')}</strong>.
              </>
            )}
            {starters.length === 0 && '.'}
          </p>
          {starters.length > 0 && (
            <p className="alert alert-warning" role="note">
              No NHS refset could be obtained for {starters.map((s) => s.cluster).join(', ')}. A starter list holds only some of the codes the NHS refset would
              have, so a patient coded another way is read from the term or not at all: ask a clinician to check the patients these lists affect.
            </p>
          )}
          <DataTable<CodeListInfoT>
            label="Code lists"
            className="nhsuk-table--compact"
            scroll="code-lists-scroll"
            rows={lists}
            rowKey={(list) => `${list.cluster}:${list.file}`}
            rowClassName={(list) => (list.kind === 'starter' ? 'row-starter' : undefined)}
            columns={[
              {
                id: 'cluster',
                header: 'Cluster',
                cellClassName: 'nowrap',
                cell: (list) => (
                  <>
                    <strong>{list.cluster}</strong>
                    {list.kind === 'starter' && (
                      <>
                        <br />
                        <span className="nhsuk-tag nhsuk-tag--yellow">Starter list</span>
                      </>
                    )}
                  </>
                )
              },
              { id: 'purpose', header: 'What it is for', cell: (list) => list.purpose },
              {
                id: 'source',
                header: 'Source',
                cell: (list) => <SourceText list={list} />,
                cellTitle: (list) => (list.kind === 'nhs-refset' ? list.source : undefined)
              },
              { id: 'version', header: 'Version', cell: (list) => list.version ?? '—', cellClassName: 'code-library-version' },
              { id: 'codes', header: 'Codes', cell: (list) => formatCount(list.codes), numeric: true },
              { id: 'file', header: 'File', cell: (list) => list.file, cellClassName: 'code-library-file' }
            ]}
          />
        </>
      )}
    </Card>
  )
}
