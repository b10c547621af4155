// ONS4 (each question on its own: ONS never adds them up) and UCLA-3 from baseline to follow-up: the
// mean at each and the mean change, over the patients with both, and which way is better — for
// ONS4 anxiety and UCLA-3 a fall is the improvement. UCLA-3's loneliness grouping is counted below.
import type { AuditSummaryT } from '../../../../shared/contract'
import { ons4Questions } from '../../../../shared/domain/ons4'
import { DataTable } from '../../components/data-table'
import { formatShare } from './chart-style'

type Wellbeing = NonNullable<AuditSummaryT['wellbeingOutcome']>
type ScoreChange = Wellbeing['ucla3']

interface Row {
  id: string
  label: string
  range: string
  better: string
  change: Pick<ScoreChange, 'patients' | 'meanBaseline' | 'meanFollowUp' | 'meanChange'>
}

function mean(value: number | null): string {
  return value === null ? '—' : value.toFixed(1)
}

/** A change with its sign and a true minus sign: "+1.5", "−0.5", "0.0". */
function signed(value: number | null): string {
  if (value === null) return '—'
  return `${value > 0 ? '+' : value < 0 ? '−' : ''}${Math.abs(value).toFixed(1)}`
}

export function ScoreChangeTable({ wellbeing, scope }: { wellbeing: Wellbeing; scope: string }) {
  const rows: Row[] = [
    ...ons4Questions.map((q) => ({
      id: q.id,
      label: `ONS4 ${q.label.toLowerCase()}`,
      range: '0–10',
      better: q.id === 'anxiety' ? 'Lower' : 'Higher',
      change: wellbeing.ons4[q.id]
    })),
    { id: 'ucla3', label: 'UCLA-3 loneliness', range: '3–9', better: 'Lower', change: wellbeing.ucla3 }
  ]
  const u = wellbeing.ucla3
  return (
    <>
      <DataTable<Row>
        label={`ONS4 and UCLA-3 at baseline and follow-up (${scope})`}
        className="nhsuk-table--compact"
        rows={rows}
        rowKey={(row) => row.id}
        columns={[
          { id: 'measure', header: 'Measure', cell: (row) => row.label, rowHeader: true },
          { id: 'range', header: 'Scale', cell: (row) => row.range },
          { id: 'better', header: 'Better is', cell: (row) => row.better },
          { id: 'patients', header: 'With baseline and follow-up', cell: (row) => row.change.patients, numeric: true },
          { id: 'baseline', header: 'Mean at baseline', cell: (row) => mean(row.change.meanBaseline), numeric: true },
          { id: 'followUp', header: 'Mean at follow-up', cell: (row) => mean(row.change.meanFollowUp), numeric: true },
          { id: 'change', header: 'Mean change', cell: (row) => signed(row.change.meanChange), numeric: true }
        ]}
      />
      <dl className="facts">
        <dt>Lonely (UCLA-3 6–9) at baseline</dt>
        <dd>{u.patients === 0 ? '—' : `${u.lonelyAtBaseline} of ${u.patients} (${formatShare(u.lonelyAtBaseline / u.patients)})`}</dd>
        <dt>Lonely at follow-up</dt>
        <dd>{u.patients === 0 ? '—' : `${u.lonelyAtFollowUp} of ${u.patients} (${formatShare(u.lonelyAtFollowUp / u.patients)})`}</dd>
        <dt>No longer lonely</dt>
        <dd>{u.lonelyAtBaseline === 0 ? '—' : `${u.noLongerLonely} of the ${u.lonelyAtBaseline} lonely at baseline`}</dd>
      </dl>
      <p className="muted">
        Change is follow-up minus baseline. The UCLA-3 grouping (6–9 lonely, 3–5 not lonely) is a convention of studies using the scale, not an ONS cut-off and
        not a diagnosis.
      </p>
    </>
  )
}
