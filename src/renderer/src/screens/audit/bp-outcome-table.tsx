import type { AuditSummaryT } from '../../../../shared/contract'
import { DataTable } from '../../components/data-table'
import { formatCount } from '../../format/count'

/** One line of the table: a change in systolic, how many patients had it and their share. */
interface OutcomeRow {
  label: string
  count: number
  share: string
}

/** One decimal place, so the three shares are the service's own figures (whole numbers may not add to 100). */
function percent(value: number): string {
  return `${(Math.round(value * 10) / 10).toFixed(1)}%`
}

function signed(value: number | null): string {
  if (value === null) return '—'
  const rounded = Math.round(value * 10) / 10
  return `${rounded > 0 ? '+' : ''}${rounded.toFixed(1)} mmHg`
}

function atTarget(count: number, share: number, patients: number): string {
  return patients === 0 ? '—' : `${formatCount(count)} of ${formatCount(patients)} (${percent(share)})`
}

/** The seed programme's table: patients with baseline and follow-up, reduced / no change / increased. */
export function BpOutcomeTable({ outcome }: { outcome: AuditSummaryT['bpOutcome'] }) {
  return (
    <>
      {outcome.patients === 0 ? (
        <p>
          No patient has both a baseline and a follow-up reading yet. Once patients seen in clinic have a later reading (at a follow-up clinic or in a later
          import), the change in their systolic BP is counted here.
        </p>
      ) : (
        <p>
          <strong>{outcome.patients}</strong> patient{outcome.patients === 1 ? '' : 's'} with a baseline reading and a follow-up reading.
        </p>
      )}
      <DataTable<OutcomeRow>
        label="Change in systolic blood pressure"
        className="table-outcome"
        rows={[
          { label: 'Reduced', count: outcome.reduced, share: outcome.patients ? percent(outcome.reducedPercent) : '—' },
          { label: 'No change', count: outcome.unchanged, share: outcome.patients ? percent(outcome.unchangedPercent) : '—' },
          { label: 'Increased', count: outcome.increased, share: outcome.patients ? percent(outcome.increasedPercent) : '—' }
        ]}
        footer={[{ label: 'Total', count: outcome.patients, share: outcome.patients ? '100%' : '—' }]}
        rowKey={(row) => row.label}
        columns={[
          { id: 'outcome', header: 'Systolic BP at follow-up', cell: (row) => row.label, rowHeader: true },
          { id: 'patients', header: 'Patients', cell: (row) => row.count },
          { id: 'share', header: '%', cell: (row) => row.share }
        ]}
      />
      <dl className="facts">
        <dt>Mean change in systolic</dt>
        <dd>{signed(outcome.meanSystolicChange)}</dd>
        <dt>Median change in systolic</dt>
        <dd>{signed(outcome.medianSystolicChange)}</dd>
        <dt>Mean change in diastolic</dt>
        <dd>{signed(outcome.meanDiastolicChange)}</dd>
        <dt>Median change in diastolic</dt>
        <dd>{signed(outcome.medianDiastolicChange)}</dd>
        <dt>At target at baseline</dt>
        <dd>{atTarget(outcome.atTargetBefore, outcome.atTargetBeforePercent, outcome.patients)}</dd>
        <dt>At target at follow-up</dt>
        <dd>{atTarget(outcome.atTargetAfter, outcome.atTargetAfterPercent, outcome.patients)}</dd>
      </dl>
      <p className="muted">
        Baseline: the BP at the first attended clinic visit, else the latest reading in the 12 months before the first invitation; follow-up: the latest reading
        after the baseline day. Change is follow-up minus baseline, so a negative number is a fall. At target: both systolic and diastolic within the QOF target
        for the patient’s age (≤140/90 under 80, ≤150/90 aged 80 or over; home readings 5 mmHg lower).
      </p>
    </>
  )
}
