// Where on the visit form each problem is corrected: a problem's field path (`readings[1]`,
// `phq9.items[8]`, `medicineChanges[0].drug`) as the id of the control (or the group) the error
// summary links to. An id that names a group or a heading takes the cursor to its first control.
const groups: Record<string, (index: string | undefined) => string> = {
  readings: (index) => `reading-${index ?? 0}-systolic`,
  bpDeclined: () => 'bp-declined',
  adherence: () => 'medicines-heading',
  medicineChanges: (index) => `medicine-${index ?? 0}-kind`,
  homeBpMonitoring: () => 'home-heading',
  concerns: () => 'concerns-heading',
  otherConcern: () => 'concern-other',
  phq9: () => 'phq9-mode-items',
  gad7: () => 'gad7-mode-items',
  ucla3: () => 'ucla3-mode-items',
  ons4: () => 'ons4-asked',
  agreedPlan: () => 'visit-agreed-plan'
}

export function visitFieldId(field: string): string | undefined {
  const match = /^(\w+)(?:\[(\d+)\])?/.exec(field)
  if (!match) return undefined
  return groups[match[1] as string]?.(match[2])
}
