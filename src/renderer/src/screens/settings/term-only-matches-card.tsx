import type { TermOnlyMatchT } from '../../../../shared/contract'
import { Card } from '../../components/card'
import { CodeFindingsSummary, CodeFindingsTable } from './code-findings-table'

/** Rows read from their term alone: the app's guess, listed so a clinician can check it. */
export function TermOnlyMatchesCard({ matches }: { matches: TermOnlyMatchT[] | null }) {
  if (matches === null) return null
  const rows = matches.map((m) => ({ ...m, readAs: m.matchedAsText }))
  return (
    <Card title="Codes read from their term only">
      <p>
        These codes are in no list (or the export had no code column), so Clinic Recall read each row from its term. They <strong>were imported</strong> and
        count towards registers and readings. Ask a clinician to check each is read correctly; a wrong one should be recorded with a listed code in the clinical
        system.
      </p>
      {matches.length === 0 ? (
        <p>None: every row imported so far was read from a listed code.</p>
      ) : (
        <>
          <CodeFindingsSummary rows={rows} />
          <CodeFindingsTable rows={rows} label="Codes read from their term only" />
        </>
      )}
    </Card>
  )
}
