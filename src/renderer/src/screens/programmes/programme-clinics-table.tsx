import type { OperationOutput } from '../../../../shared/contract'
import { DataTable } from '../../components/data-table'
import { formatUkDate } from '../../format/uk-date'

type Clinic = OperationOutput<'clinics.list'>['clinics'][number]

/** The clinic sessions run for the programme, latest first. */
export function ProgrammeClinicsTable({ clinics }: { clinics: Clinic[] }) {
  return (
    <DataTable<Clinic>
      label="Clinics of this programme"
      className="nhsuk-table--compact"
      rows={[...clinics].sort((a, b) => (a.date === b.date ? b.start.localeCompare(a.start) : b.date.localeCompare(a.date)))}
      rowKey={(c) => c.clinicId}
      empty={<p>No clinic has been created for this programme yet.</p>}
      columns={[
        { id: 'date', header: 'Date', cell: (c) => formatUkDate(c.date), cellClassName: 'nowrap', sortValue: (c) => `${c.date} ${c.start}` },
        { id: 'start', header: 'Start', cell: (c) => c.start },
        { id: 'type', header: 'Type', cell: (c) => c.type, sortValue: (c) => c.type },
        { id: 'clinician', header: 'Clinician', cell: (c) => c.clinician ?? '—' },
        { id: 'location', header: 'Location', cell: (c) => c.location ?? '—' },
        { id: 'booked', header: 'Booked', cell: (c) => `${c.booked} of ${c.slots}`, numeric: true, sortValue: (c) => c.booked },
        { id: 'attended', header: 'Attended', cell: (c) => c.attended, numeric: true, sortValue: (c) => c.attended },
        { id: 'dna', header: 'Did not attend', cell: (c) => c.didNotAttend, numeric: true, sortValue: (c) => c.didNotAttend }
      ]}
    />
  )
}
