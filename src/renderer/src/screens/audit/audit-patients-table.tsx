import type { AuditSummaryT } from '../../../../shared/contract'
import { DataTable } from '../../components/data-table'
import { formatBp } from '../../format/blood-pressure'
import { formatNhsNumber } from '../../format/nhs-number'
import { formatUkDate } from '../../format/uk-date'

type AuditPatient = AuditSummaryT['patients'][number]

const outcomeLabels = { reduced: 'Reduced', unchanged: 'No change', increased: 'Increased' } as const

export function AuditPatientsTable({ patients }: { patients: AuditSummaryT['patients'] }) {
  return (
    <DataTable<AuditPatient>
      label="Audit patients"
      scroll
      // A programme can audit tens of thousands of patients: only those in view are drawn.
      virtualise={{ above: 80, rowHeight: 40 }}
      rows={patients}
      rowKey={(patient) => patient.nhsNumber}
      columns={[
        { id: 'nhs', header: 'NHS number', cell: (patient) => formatNhsNumber(patient.nhsNumber), cellClassName: 'nowrap' },
        { id: 'name', header: 'Name', cell: (patient) => patient.name },
        { id: 'age-band', header: 'Age band', cell: (patient) => patient.ageBand },
        { id: 'ethnicity', header: 'Ethnicity', cell: (patient) => patient.ethnicity ?? '—' },
        {
          id: 'baseline',
          header: 'Baseline',
          cell: (patient) => (
            <>
              {formatBp(patient.baseline)} <span className="bp-meta">{formatUkDate(patient.baseline.date)}</span>
            </>
          ),
          cellClassName: 'nowrap'
        },
        {
          id: 'follow-up',
          header: 'Follow-up',
          cell: (patient) => (
            <>
              {formatBp(patient.followUp)} <span className="bp-meta">{formatUkDate(patient.followUp.date)}</span>
            </>
          ),
          cellClassName: 'nowrap'
        },
        {
          id: 'change',
          header: 'Systolic change',
          cell: (patient) => (
            <>
              {patient.systolicChange > 0 ? '+' : ''}
              {patient.systolicChange}
            </>
          )
        },
        { id: 'outcome', header: 'Outcome', cell: (patient) => <span className={`outcome outcome-${patient.outcome}`}>{outcomeLabels[patient.outcome]}</span> }
      ]}
    />
  )
}
