// Who the patient is as the practice's export gives them, and the QOF registers they are on today
// as the cohorts decide them (a register the export only matched by its term is marked to check).
import { Card } from '../../components/card'
import { formatUkDate } from '../../format/uk-date'
import type { PatientPageData } from './patient-page-data'

export function PatientDetails({ page }: { page: PatientPageData }) {
  const p = page.patient
  const phones = [p.mobile && `mobile ${p.mobile}`, p.homePhone && `home ${p.homePhone}`].filter(Boolean).join(', ')
  return (
    <Card title="Details">
      <dl className="facts">
        <dt>Address</dt>
        <dd>{[...p.addressLines, p.postcode].filter(Boolean).join(', ') || 'Not exported'}</dd>
        <dt>Phone</dt>
        <dd>{phones || 'None exported'}</dd>
        <dt>Email</dt>
        <dd>{p.email ?? 'None exported'}</dd>
        <dt>Usual GP</dt>
        <dd>{p.usualGp ?? 'Not exported'}</dd>
        <dt>Ethnicity</dt>
        <dd>{p.ethnicity ?? 'Not exported'}</dd>
        <dt>Deprivation (IMD decile)</dt>
        <dd>{p.imdDecile ?? 'Not known'}</dd>
        <dt>Registration</dt>
        <dd>{p.registrationStatus ?? 'Not exported'}</dd>
        <dt>Details as of</dt>
        <dd>{p.demographicsAsOf ? `the export of ${formatUkDate(p.demographicsAsOf)}` : 'the latest import'}</dd>
      </dl>
      <h3>QOF registers</h3>
      {page.registers.length === 0 ? (
        <p>On no QOF register on {formatUkDate(page.asOf)}, by the codes imported.</p>
      ) : (
        <ul className="patient-list">
          {page.registers.map((r) => (
            <li key={r.concept}>
              {r.name}
              {r.since && ` since ${formatUkDate(r.since)}`}
              {r.matchedByTerm && <span className="text-warning"> — matched by term, check</span>}
            </li>
          ))}
        </ul>
      )}
    </Card>
  )
}
