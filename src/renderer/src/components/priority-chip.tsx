import type { CohortEntryT } from '../../../shared/contract'

const titles: Record<NonNullable<CohortEntryT['priority']>, string> = {
  P1: 'P1 severe — review within 7 days (NICE NG136 1.5.1)',
  P2: 'P2 stage 2 hypertension',
  P3: 'P3 uncontrolled, higher risk',
  P4: 'P4 uncontrolled'
}

export function PriorityChip({ priority }: { priority: CohortEntryT['priority'] }) {
  if (!priority) return <span className="chip chip-none">—</span>
  return (
    <span className={`chip chip-${priority.toLowerCase()}`} title={titles[priority]}>
      {priority}
    </span>
  )
}
