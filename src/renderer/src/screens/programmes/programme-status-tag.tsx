import { programmeStatusLabels, type ProgrammeWithProgress } from './programme-types'

/** "Open" or "Closed", in words and a shape (not colour alone). */
export function ProgrammeStatusTag({ status }: { status: ProgrammeWithProgress['status'] }) {
  return <span className={`programme-status programme-status-${status}`}>{programmeStatusLabels[status]}</span>
}
