import type { AuditSummaryT } from '../../../../shared/contract'
import { formatBp } from '../../format/blood-pressure'
import { formatNhsNumber } from '../../format/nhs-number'
import { formatUkDate } from '../../format/uk-date'
import { ScrollArea } from '../../components/scroll-area'

const outcomeLabels = { reduced: 'Reduced', unchanged: 'No change', increased: 'Increased' } as const

export function AuditPatientsTable({ patients }: { patients: AuditSummaryT['patients'] }) {
  return (
    <ScrollArea label="Audit patients">
      <table className="table" aria-label="Audit patients">
        <thead>
          <tr>
            <th scope="col">NHS number</th>
            <th scope="col">Name</th>
            <th scope="col">Age band</th>
            <th scope="col">Ethnicity</th>
            <th scope="col">Baseline</th>
            <th scope="col">Follow-up</th>
            <th scope="col">Systolic change</th>
            <th scope="col">Outcome</th>
          </tr>
        </thead>
        <tbody>
          {patients.map((patient) => (
            <tr key={patient.nhsNumber}>
              <td className="nowrap">{formatNhsNumber(patient.nhsNumber)}</td>
              <td>{patient.name}</td>
              <td>{patient.ageBand}</td>
              <td>{patient.ethnicity ?? '—'}</td>
              <td className="nowrap">
                {formatBp(patient.baseline)} <span className="bp-meta">{formatUkDate(patient.baseline.date)}</span>
              </td>
              <td className="nowrap">
                {formatBp(patient.followUp)} <span className="bp-meta">{formatUkDate(patient.followUp.date)}</span>
              </td>
              <td>
                {patient.systolicChange > 0 ? '+' : ''}
                {patient.systolicChange}
              </td>
              <td>
                <span className={`outcome outcome-${patient.outcome}`}>{outcomeLabels[patient.outcome]}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollArea>
  )
}
