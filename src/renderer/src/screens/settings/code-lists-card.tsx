import type { CodeListInfoT } from '../../../../shared/contract'
import { Card } from '../../components/card'
import { ErrorAlert } from '../../components/error-alert'

/** Every code list the app ships: what it is for, where it comes from, its version and size. */
export function CodeListsCard({ lists, error }: { lists: CodeListInfoT[] | null; error: string | null }) {
  const starters = lists?.filter((l) => l.kind === 'starter') ?? []
  const refsets = lists?.filter((l) => l.kind === 'nhs-refset') ?? []
  return (
    <Card title="Code library">
      <p>
        Clinic Recall reads each coded row of an export by looking its SNOMED CT code up in these lists. A code in a list always
        decides what the row means. A code in no list is read from its term if the term is clear, otherwise the row is left out
        (both are listed below).
      </p>
      <ErrorAlert message={error} title="The code lists could not be shown" />
      {lists === null && !error && <p className="muted">Loading…</p>}
      {lists && (
        <>
          <p>
            {lists.length} lists: {refsets.length} NHS Digital Primary Care Domain reference sets
            {starters.length > 0 && (
              <>
                {' '}
                and <strong>{starters.length} starter {starters.length === 1 ? 'list' : 'lists'}</strong> (
                {starters.map((s) => s.cluster).join(', ')}). No NHS refset could be obtained for{' '}
                {starters.length === 1 ? 'that cluster' : 'those clusters'}: a starter list holds only a few codes, so a
                clinician should check patients on {starters.length === 1 ? 'its register' : 'their registers'}
              </>
            )}
            .
          </p>
          <div className="table-wrap">
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
                      {list.kind === 'starter' && <span className="chip chip-starter">Starter list</span>}
                    </td>
                    <td>{list.purpose}</td>
                    <td>{list.source}</td>
                    <td className="code-library-version">{list.version ?? '—'}</td>
                    <td className="numeric">{list.codes.toLocaleString('en-GB')}</td>
                    <td className="code-library-file">{list.file}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Card>
  )
}
