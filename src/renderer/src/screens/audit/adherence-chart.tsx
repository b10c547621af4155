// Adherence at baseline for a BP programme: what patients said about taking their BP medicines at
// their first visit, one bar per answer (taking as prescribed solid green, every other answer
// cross-hatched red), with the table, and the reasons given for not taking them in a table of their
// own (a patient may give several, so they do not add up).
import type { AuditSummaryT } from '../../../../shared/contract'
import { adherenceStatuses, nonAdherenceReasons } from '../../../../shared/domain/medication-adherence'
import { DataTable } from '../../components/data-table'
import { ChartFigure } from './chart-figure'
import { chartColours, ChartLegend, formatShare, type BarStyle } from './chart-style'
import { CountBarChart } from './count-bar-chart'

type Adherence = NonNullable<AuditSummaryT['adherence']>

const takingStyle: BarStyle = { label: 'Taking as prescribed', colour: chartColours.green, pattern: 'solid' }
const notTakingStyle: BarStyle = { label: 'Not taking as prescribed', colour: chartColours.red, pattern: 'crosshatch' }
export const adherenceStyles = [takingStyle, notTakingStyle]

interface Row {
  id: string
  label: string
  patients: number
  taking: boolean
}

function share(count: number, of: number): string {
  return of > 0 ? formatShare(count / of) : '—'
}

export function AdherenceChart({ adherence, id, scope }: { adherence: Adherence; id: string; scope: string }) {
  const rows: Row[] = adherenceStatuses.map((s) => ({ id: s.id, label: s.label, patients: adherence.status[s.id], taking: s.id === 'taking' }))
  const reasons = nonAdherenceReasons.map((r) => ({ id: r.id, label: r.label, patients: adherence.reasons[r.id] }))
  const title = `Taking BP medicines at the first visit (${scope})`
  const description = `What the ${adherence.patients} invited patient${adherence.patients === 1 ? '' : 's'} asked at their first visit said about taking their BP medicines (NICE NG136 asks for adherence to be checked before treatment is stepped up). ${adherence.notTakingAsPrescribed} were not taking them as prescribed.`
  // No chart without a bar to draw: every chart on the page has its picture and its table.
  if (adherence.patients === 0) {
    return (
      <p className="chart-empty">No invited patient’s first visit has recorded whether they take their BP medicines yet: it is asked on the BP review form.</p>
    )
  }
  return (
    <>
      <ChartFigure
        id={id}
        title={title}
        description={description}
        tablePlacement="beside"
        chart={
          <CountBarChart
            rows={rows}
            rowKey={(row) => row.id}
            styleOf={(row) => (row.taking ? takingStyle : notTakingStyle)}
            title={title}
            height={260}
            labelWidth={230}
            labelRoom={50}
          />
        }
        legend={<ChartLegend label="Key to the adherence chart" items={adherenceStyles} />}
        table={
          <DataTable<Row>
            label={`Adherence at the first visit (${scope})`}
            className="nhsuk-table--compact"
            rows={rows}
            rowKey={(row) => row.id}
            footer={[{ id: 'total', label: 'Asked at the first visit', patients: adherence.patients, taking: false }]}
            columns={[
              { id: 'answer', header: 'Answer', cell: (row) => row.label, rowHeader: true },
              { id: 'patients', header: 'Patients', cell: (row) => row.patients, numeric: true },
              { id: 'share', header: '%', cell: (row) => share(row.patients, adherence.patients), numeric: true }
            ]}
          />
        }
      />
      <DataTable<(typeof reasons)[number]>
        label={`Reasons for not taking BP medicines as prescribed (${scope})`}
        caption="Reasons for not taking them as prescribed (a patient may give several)"
        className="nhsuk-table--compact"
        rows={reasons}
        rowKey={(row) => row.id}
        columns={[
          { id: 'reason', header: 'Reason', cell: (row) => row.label, rowHeader: true },
          { id: 'patients', header: 'Patients', cell: (row) => row.patients, numeric: true },
          { id: 'share', header: '% of those not taking as prescribed', cell: (row) => share(row.patients, adherence.notTakingAsPrescribed), numeric: true }
        ]}
      />
    </>
  )
}
