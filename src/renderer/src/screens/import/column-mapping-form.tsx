// The column-mapping screen for one file: every column of its column row, a few of its values, and
// a choice of what it holds (NHS number, date of birth, systolic, BP date …). Saved per header
// layout, so the next file with the same columns is read the same way without asking.
import { useMemo, useState } from 'react'
import type { ImportFileColumnsT } from '../../../../shared/contract'
import { columnRoleChoices, columnRoleLabel, mappingProblems } from '../../../../shared/import-column-roles'
import { api } from '../../api/client'
import { BusyButton } from '../../components/busy-button'
import { Card } from '../../components/card'
import { DataTable } from '../../components/data-table'
import { ErrorAlert } from '../../components/error-alert'
import { useAsyncAction } from '../../components/use-async-action'
import '../../styles/column-mapping.css'

/** A column of the file with its place in the list, which is where its role is kept. */
type PlacedColumn = { column: ImportFileColumnsT['columns'][number]; position: number }

/** Groups of the role list, so the long select reads like a form rather than a code list. */
function roleGroup(role: string): string {
  if (role === 'ignored') return ''
  if (role === 'nhsNumber' || role.startsWith('patient.')) return 'Patient details'
  if (role.startsWith('bp.')) return 'Blood pressure in columns'
  if (role.startsWith('event.')) return 'Coded events (one per row)'
  return 'Register flags (Y/N or a date)'
}

const groupedChoices = (() => {
  const groups = new Map<string, string[]>()
  for (const role of columnRoleChoices) {
    const group = roleGroup(role)
    groups.set(group, [...(groups.get(group) ?? []), role])
  }
  return [...groups]
})()

/** Notes that say nothing the select does not already show. */
const routineNotes = new Set(['not used by Clinic Recall', 'from your saved mapping', 'as you chose in the column mapping'])

export function ColumnMappingForm({
  file,
  onSaved,
  onCancel
}: {
  file: ImportFileColumnsT
  /** Called once the mapping is saved: the screen previews the files again with it. */
  onSaved: () => void
  onCancel: () => void
}) {
  const [roles, setRoles] = useState<string[]>(() => file.columns.map((c) => c.role))
  const save = useAsyncAction()
  const problems = useMemo(() => mappingProblems(roles), [roles])
  const repeated = file.columns.some((c) => /\((\d+)(st|nd|rd|th)\)$/.test(c.caption))

  const choose = (index: number, role: string) => setRoles((current) => current.map((r, i) => (i === index ? role : r)))

  const submit = () =>
    void save.run(async () => {
      await api['imports.saveMapping']({ captions: file.captions, roles })
      onSaved()
    })

  return (
    <Card title={`Map the columns of ${file.name}`}>
      {file.needsMapping ? (
        <div className="alert alert-warning" role="status">
          <p className="alert-message">
            Clinic Recall does not recognise this layout: no column is headed &ldquo;NHS Number&rdquo;. Say which column holds what below. The mapping is saved
            for this layout, so the next file with the same columns is read the same way without asking.
          </p>
        </div>
      ) : (
        <p>Change what any column is read as. The mapping is saved for files with exactly these columns; other layouts are not affected.</p>
      )}
      <p className="hint">
        Column captions are on row {file.headerRowNumber} of the {file.fileType === 'xlsx' ? 'workbook' : 'file'}.
        {repeated && ' Repeated captions are numbered by their position (1st, 2nd …): each one is mapped separately.'}
      </p>
      <DataTable<PlacedColumn>
        label="Column mapping"
        className="column-mapping-table"
        rows={file.columns.map((column, position) => ({ column, position }))}
        rowKey={({ column }) => column.index}
        rowClassName={({ position }) => (roles[position] === 'ignored' ? 'row-muted' : undefined)}
        columns={[
          { id: 'index', header: '#', cell: ({ column }) => column.index + 1 },
          {
            id: 'caption',
            header: 'Column caption',
            cell: ({ column }) => (
              <>
                <label htmlFor={`column-role-${column.index}`}>{column.caption || <span className="muted">(blank)</span>}</label>
                {column.note && !routineNotes.has(column.note) && <div className="hint">{column.note}</div>}
              </>
            )
          },
          {
            id: 'samples',
            header: 'Values in the first rows',
            cellClassName: 'column-samples',
            cell: ({ column }) => {
              const samples = column.samples.filter((s) => s !== '').slice(0, 3)
              return samples.length === 0 ? <span className="muted">(empty)</span> : samples.map((s, i) => <code key={i}>{s}</code>)
            }
          },
          {
            id: 'role',
            header: 'Read as',
            cell: ({ column, position }) => (
              <select id={`column-role-${column.index}`} value={roles[position] ?? 'ignored'} onChange={(event) => choose(position, event.target.value)}>
                {groupedChoices.map(([group, choices]) =>
                  group === '' ? (
                    choices.map((role) => (
                      <option key={role} value={role}>
                        {columnRoleLabel(role)}
                      </option>
                    ))
                  ) : (
                    <optgroup key={group} label={group}>
                      {choices.map((role) => (
                        <option key={role} value={role}>
                          {columnRoleLabel(role)}
                        </option>
                      ))}
                    </optgroup>
                  )
                )}
              </select>
            )
          }
        ]}
      />
      {problems.length > 0 && (
        <ul className="column-mapping-problems" aria-label="Before this mapping can be saved">
          {problems.map((problem) => (
            <li key={problem}>{problem.charAt(0).toUpperCase() + problem.slice(1)}.</li>
          ))}
        </ul>
      )}
      <ErrorAlert message={save.error} title="The mapping was not saved" />
      <div className="button-row">
        <BusyButton busy={save.busy} busyLabel="Saving…" onClick={submit} disabled={problems.length > 0}>
          Save mapping and preview
        </BusyButton>
        <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </Card>
  )
}
