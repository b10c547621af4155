import type { CodeListInfoT } from '../../../../shared/contract'
import { Card } from '../../components/card'
import { ErrorAlert } from '../../components/error-alert'
import { ScrollArea } from '../../components/scroll-area'

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/** The Source cell: short, as the Version column beside it carries the OpenCodelists version. */
function SourceCell({ list }: { list: CodeListInfoT }) {
  switch (list.kind) {
    case 'nhs-refset':
      return <td title={list.source}>NHS Digital Primary Care Domain refset</td>
    case 'starter':
      return (
        <td>
          <strong>{list.source}</strong>
        </td>
      )
    case 'other':
      return <td>{list.source}</td>
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
          <ScrollArea label="Code lists" className="code-lists-scroll">
            <table className="table table-compact" aria-label="Code lists">
              <thead>
                <tr>
                  <th scope="col">Cluster</th>
                  <th scope="col">What it is for</th>
                  <th scope="col">Source</th>
                  <th scope="col">Version</th>
                  <th scope="col" className="numeric">
                    Codes
                  </th>
                  <th scope="col">File</th>
                </tr>
              </thead>
              <tbody>
                {lists.map((list) => (
                  <tr key={`${list.cluster}:${list.file}`} className={list.kind === 'starter' ? 'row-starter' : undefined}>
                    <td className="nowrap">
                      <strong>{list.cluster}</strong>
                      {list.kind === 'starter' && (
                        <>
                          <br />
                          <span className="chip chip-starter">Starter list</span>
                        </>
                      )}
                    </td>
                    <td>{list.purpose}</td>
                    <SourceCell list={list} />
                    <td className="code-library-version">{list.version ?? '—'}</td>
                    <td className="numeric">{list.codes.toLocaleString('en-GB')}</td>
                    <td className="code-library-file">{list.file}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollArea>
        </>
      )}
    </Card>
  )
}
