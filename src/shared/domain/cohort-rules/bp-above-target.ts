// Criterion: current BP above target (spec §4.2). Which BP counts: current-bp.ts (NICE NG136 1.2.2);
// the target: bp-targets.ts (QOF HYP008/HYP009 or NICE NG136 1.4.20–1.4.22). No reading in the
// look-back window fails this criterion: "no recent BP" is its own state and its own cohort.
import type { CohortRule, ReasonValue } from './cohort-rule'

const formatReason = ([systolic, diastolic, date, setting, target]: readonly ReasonValue[]) =>
  `BP ${systolic}/${diastolic} on ${date} (${setting}) above target (${target})`

export const bpAboveTarget: CohortRule = {
  id: 'bp.above-target',
  kind: 'criterion',
  label: 'Current BP above target',
  source: 'QOF HYP008/HYP009 or NICE NG136 1.4.20–1.4.22',
  // Above target needs a reading and a target (an age) and the reading outside it.
  test: ({ controlled }) => controlled === false,
  reasonValues: ({ current, target }) => {
    const bp = current.bp
    return bp ? [bp.systolic, bp.diastolic, bp.date, bp.setting, target?.label ?? null] : []
  },
  formatReason,
  evaluate: ({ current, target, controlled }) => {
    const bp = current.bp
    if (!bp) return { met: false, detail: `No recent BP: ${current.rule}`, reason: 'No recent BP' }
    if (!target) return { met: false, detail: 'No date of birth, so no age-based target can be applied', reason: 'No target' }
    const reading = `${bp.systolic}/${bp.diastolic} on ${bp.date} (${bp.setting})`
    if (controlled) {
      return { met: false, detail: `BP ${reading} is within target ${target.label}`, reason: `BP ${reading} within target` }
    }
    return {
      met: true,
      detail: `BP ${reading} is above target ${target.label}; both systolic and diastolic must be within target`,
      reason: formatReason([bp.systolic, bp.diastolic, bp.date, bp.setting, target.label])
    }
  }
}
