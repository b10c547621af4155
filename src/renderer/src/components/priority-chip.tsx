import type { CohortEntryT } from '../../../shared/contract'

const titles: Record<NonNullable<CohortEntryT['priority']>, string> = {
  P1: 'P1 severe — review within 7 days (NICE NG136 1.5.1)',
  P2: 'P2 stage 2 hypertension',
  P3: 'P3 uncontrolled, higher risk',
  P4: 'P4 uncontrolled'
}

/** NHS.UK tag colours (nhsuk-frontend), from most to least urgent. */
const tagColours: Record<NonNullable<CohortEntryT['priority']>, string> = {
  P1: 'nhsuk-tag--red',
  P2: 'nhsuk-tag--orange',
  P3: 'nhsuk-tag--yellow',
  P4: 'nhsuk-tag--grey'
}

export function PriorityChip({ priority }: { priority: CohortEntryT['priority'] }) {
  if (!priority) return <span className="muted">—</span>
  return (
    <span className={`nhsuk-tag ${tagColours[priority]}`} title={titles[priority]}>
      {priority}
    </span>
  )
}
