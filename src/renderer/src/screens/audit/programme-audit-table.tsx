// The whole-practice audit's list of programmes: each one's uptake and BP outcome on one line, so
// the practice sees them side by side, with a button that opens that programme's own audit.
import type { AuditSummaryT } from '../../../../shared/contract'
import { programmeOutcomeLabels } from '../../../../shared/domain/programme'
import { DataTable } from '../../components/data-table'
import { signedMmHg } from '../../format/bp-change'
import { formatShare } from './chart-style'
import { formatCount } from '../../format/count'

type ProgrammeAudit = AuditSummaryT['programmes'][number]

/** A count with its share of `of` (the eligible patients, or those with a follow-up BP). */
function withShare(count: number, of: number): string {
  return of > 0 ? `${formatCount(count)} (${formatShare(count / of)})` : formatCount(count)
}

export function ProgrammeAuditTable({ programmes, onOpen }: { programmes: ProgrammeAudit[]; onOpen: (programmeId: number) => void }) {
  return (
    <DataTable<ProgrammeAudit>
      label="Audit of each programme"
      className="nhsuk-table--compact"
      rows={programmes}
      rowKey={(p) => p.programmeId}
      empty={<p>No programme has been started yet. Start one on the Programmes screen, or build a cohort.</p>}
      columns={[
        {
          id: 'name',
          header: 'Programme',
          cell: (p) => (
            <>
              {p.name}
              {p.status === 'closed' && <span className="muted"> (closed)</span>}
            </>
          ),
          rowHeader: true,
          sortValue: (p) => p.name
        },
        { id: 'outcome', header: 'Outcome measure', cell: (p) => programmeOutcomeLabels[p.outcome] },
        { id: 'eligible', header: 'Eligible', cell: (p) => p.funnel.eligible, numeric: true, sortValue: (p) => p.funnel.eligible },
        { id: 'invited', header: 'Invited', cell: (p) => withShare(p.funnel.invited, p.funnel.eligible), numeric: true, sortValue: (p) => p.funnel.invited },
        { id: 'booked', header: 'Booked', cell: (p) => withShare(p.funnel.booked, p.funnel.eligible), numeric: true, sortValue: (p) => p.funnel.booked },
        {
          id: 'attended',
          header: 'Attended',
          cell: (p) => withShare(p.funnel.attended, p.funnel.eligible),
          numeric: true,
          sortValue: (p) => p.funnel.attended
        },
        { id: 'followed-up', header: 'Followed up', cell: (p) => p.funnel.followedUp, numeric: true, sortValue: (p) => p.funnel.followedUp },
        { id: 'with-bp', header: 'With follow-up BP', cell: (p) => p.bpOutcome.patients, numeric: true, sortValue: (p) => p.bpOutcome.patients },
        {
          id: 'reduced',
          header: 'BP reduced',
          cell: (p) => withShare(p.bpOutcome.reduced, p.bpOutcome.patients),
          numeric: true,
          sortValue: (p) => p.bpOutcome.reduced
        },
        { id: 'mean', header: 'Mean systolic change', cell: (p) => signedMmHg(p.bpOutcome.meanSystolicChange), numeric: true },
        {
          id: 'open',
          header: <span className="visually-hidden">Open</span>,
          cellClassName: 'nowrap',
          cell: (p) => (
            <button
              type="button"
              className="nhsuk-button nhsuk-button--secondary nhsuk-button--small no-print"
              aria-label={`Open the audit of ${p.name}`}
              onClick={() => onOpen(p.programmeId)}
            >
              View audit
            </button>
          )
        }
      ]}
    />
  )
}
