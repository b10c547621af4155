// Criterion: current BP above target. Which BP counts: current-bp.ts (NICE NG136 1.2.2); the
// target: bp-targets.ts (QOF HYP008/HYP009 or NICE NG136 1.4.20–1.4.22). No reading in the
// look-back window fails this criterion: "no recent BP" is its own state and its own cohort.
// Nothing hides a severe reading: a reading of the latest day at severe level for its own kind
// makes the patient above target even when the lowest-of-the-day rule picks a reading within it.
import { isControlled } from '../bp-targets'
import type { CohortRule, ReasonValue } from './cohort-rule'
import { formatDateText } from '../../format/staff-text'

const formatReason = ([systolic, diastolic, date, setting, target, severeSystolic, severeDiastolic, severeSetting]: readonly ReasonValue[]) =>
  severeSystolic === undefined || severeSystolic === null
    ? `BP ${systolic}/${diastolic} on ${formatDateText(String(date))} (${setting}) above target (${target})`
    : `BP ${systolic}/${diastolic} on ${formatDateText(String(date))} (${setting}) is within target (${target}), but a severe ${severeSetting} reading ${severeSystolic}/${severeDiastolic} the same day counts: nothing hides a severe reading`

/** The severe reading of the latest day when the day's rule picked a reading within target. */
function hiddenSevere({ current, target, controlled }: Parameters<CohortRule['evaluate']>[0]) {
  const bp = current.bp
  const severe = current.severeReading
  if (!bp || !target || controlled !== false || !severe) return null
  return isControlled(bp, target) ? severe : null
}

export const bpAboveTarget: CohortRule = {
  id: 'bp.above-target',
  kind: 'criterion',
  label: 'Current BP above target',
  source: 'QOF HYP008/HYP009 or NICE NG136 1.4.20–1.4.22',
  // Above target needs a reading and a target (an age) and the reading outside it.
  test: ({ controlled }) => controlled === false,
  reasonValues: (facts) => {
    const bp = facts.current.bp
    if (!bp) return []
    const values: ReasonValue[] = [bp.systolic, bp.diastolic, bp.date, bp.setting, facts.target?.label ?? null]
    const severe = hiddenSevere(facts)
    if (severe) values.push(severe.systolic, severe.diastolic, severe.setting)
    return values
  },
  formatReason,
  evaluate: (facts) => {
    const { current, target, controlled } = facts
    const bp = current.bp
    if (!bp) return { met: false, detail: `No recent BP: ${current.rule}`, reason: 'No recent BP' }
    if (!target) return { met: false, detail: 'No date of birth, so no age-based target can be applied', reason: 'No target' }
    const reading = `${bp.systolic}/${bp.diastolic} on ${formatDateText(bp.date)} (${bp.setting})`
    if (controlled) {
      return { met: false, detail: `BP ${reading} is within target ${target.label}`, reason: `BP ${reading} within target` }
    }
    const severe = hiddenSevere(facts)
    if (severe) {
      const values = [bp.systolic, bp.diastolic, bp.date, bp.setting, target.label, severe.systolic, severe.diastolic, severe.setting]
      return { met: true, detail: formatReason(values), reason: formatReason(values) }
    }
    return {
      met: true,
      detail: `BP ${reading} is above target ${target.label}; both systolic and diastolic must be within target`,
      reason: formatReason([bp.systolic, bp.diastolic, bp.date, bp.setting, target.label])
    }
  }
}
