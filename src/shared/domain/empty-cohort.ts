// Why a cohort build has no members, in words and with the counts that show it, so an empty list is
// never mistaken for "nobody needs inviting": no patients imported at all, nobody on the register
// the cohort needs, nobody with a reading in the look-back window, or everyone who qualified
// excluded. The cohort screen shows it and asks before saving an empty snapshot; `cohort build`
// prints it.
import type { NotEligibleTally } from './cohort-engine'
import { formatUkLongDate } from './letter-content'
import { formatDateText } from '../format/staff-text'
import { formatCount } from '../format/staff-text'

export interface CohortOutcomeCounts {
  /** Every patient in the database. */
  patientsImported: number
  members: number
  excluded: number
  /** Not eligible, by the first criterion failed (cohort-engine.ts), in the definition's order. */
  notEligibleBy: readonly NotEligibleTally[]
  exclusionCounts: readonly { label: string; count: number }[]
}

const patients = (n: number) => `${formatCount(n)} patient${n === 1 ? '' : 's'}`

/** The reason the build is empty, or null when it has members. */
export function emptyCohortReason(counts: CohortOutcomeCounts, asOfIso: string): string | null {
  if (counts.members > 0) return null
  const asOf = formatUkLongDate(asOfIso)
  if (counts.patientsImported === 0) return 'No patients have been imported yet: import the practice’s search export first (Import).'

  if (counts.excluded > 0) {
    const by = counts.exclusionCounts
      .filter((e) => e.count > 0)
      .map((e) => `${formatCount(e.count)} by “${e.label}”`)
      .join(', ')
    return `Everyone who meets the criteria as of ${formatDateText(asOf)} is excluded: ${patients(counts.excluded)} (${by}).`
  }

  const failing = counts.notEligibleBy.filter((t) => t.count > 0)
  const register = failing.find((t) => t.rule.startsWith('register.'))
  const bp = failing.find((t) => t.rule.startsWith('bp.'))
  const detail = failing
    .map((t) => {
      const noReading =
        t.rule.startsWith('bp.') && t.withoutRecentReading > 0 ? ` (${formatCount(t.withoutRecentReading)} with no BP reading in the look-back window)` : ''
      return `${formatCount(t.count)} not “${t.label}”${noReading}`
    })
    .join('; ')
  const of = `of the ${patients(counts.patientsImported)} imported, ${detail}`
  if (register && register.count === counts.patientsImported) return `No one is on the register this cohort needs as of ${formatDateText(asOf)}: ${of}.`
  // Everyone who got past the register failed the BP criterion for want of any reading at all.
  if (bp && bp.withoutRecentReading === bp.count && failing.every((t) => t === bp || t === register)) {
    return `No one ${register ? 'on the register ' : ''}has a BP reading in the look-back window before ${formatDateText(asOf)}: ${of}.`
  }
  return `No one meets every criterion as of ${formatDateText(asOf)}: ${of}.`
}
