// Above the cohort definition: which programme the build is for (build-programme.ts decides which),
// and what that means in words: the programme, a new one the build will start, or a choice to make.
import { FormField } from '../../components/form-field'
import { formatUkDate } from '../../format/uk-date'
import type { ProgrammeWithProgress } from '../programmes/programme-types'
import type { BuildProgramme } from './build-programme'

interface Props {
  open: ProgrammeWithProgress[]
  target: BuildProgramme
  definitionName: string | null
  onPick: (programme: ProgrammeWithProgress | null) => void
}

export function ProgrammePicker({ open, target, definitionName, onPick }: Props) {
  const value = target.kind === 'programme' ? String(target.programme.programmeId) : ''
  const hint =
    target.kind === 'programme' ? (
      <>
        Builds for “{target.programme.name}” (started {formatUkDate(target.programme.startDate)}; {target.programme.progress.snapshots} build
        {target.programme.progress.snapshots === 1 ? '' : 's'} so far).
      </>
    ) : target.kind === 'new' ? (
      <>
        No open programme builds {definitionName ? `“${definitionName}”` : 'this cohort'}: building starts one named after it. To name it yourself, start a
        programme on the Programmes screen first.
      </>
    ) : target.kind === 'choose' ? (
      <>{target.count} open programmes build this cohort: choose which one this build is for.</>
    ) : (
      'Loading the programmes…'
    )
  return (
    <FormField
      id="cohort-programme"
      label="Programme"
      width="wide"
      hint={target.kind === 'choose' ? undefined : hint}
      error={target.kind === 'choose' ? hint : undefined}
      control={(control) => (
        <select {...control} value={value} onChange={(event) => onPick(open.find((p) => String(p.programmeId) === event.target.value) ?? null)}>
          {target.kind !== 'programme' && (
            <option value="">
              {target.kind === 'choose' ? 'Choose a programme…' : target.kind === 'new' ? 'A new programme, named after the cohort' : 'Loading…'}
            </option>
          )}
          {open.map((p) => (
            <option key={p.programmeId} value={p.programmeId}>
              {p.name} — {p.definitionName}
            </option>
          ))}
        </select>
      )}
    />
  )
}
