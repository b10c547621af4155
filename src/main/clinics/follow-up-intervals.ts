// The follow-up interval per clinic type: how many weeks after a visit the BP review is due. The
// built-in types and their default weeks are in shared/domain/clinic-types; a practice may set its
// own for any type, kept in clinic_type_settings.
import { AppError } from '../../shared/result'
import { MAX_FOLLOW_UP_WEEKS, MIN_FOLLOW_UP_WEEKS } from '../../shared/domain/follow-up'
import { builtInClinicTypes, clinicName, clinicTypeKey, followUpWeeksForType, type ClinicTypeInterval } from '../../shared/domain/clinic-types'
import type { ReadableDb } from '../db/database-access'
import { actorName, type ReadingContext, type ServiceContext } from '../context'
import { logActivity } from '../activity-log'
import { clinicTypeSettings, saveClinicTypeSetting } from './follow-up-interval-queries'
import { clinicTypesInUse } from './clinic-session-queries'

/** The weeks the practice chose, by the clinic type as stored. */
export function practiceIntervals(db: ReadableDb): Map<string, number> {
  return new Map(clinicTypeSettings(db).map((r) => [r.type, r.follow_up_weeks]))
}

/** The built-in types, any type a clinic was created with, and any type with a setting. */
export function listClinicTypeIntervals(ctx: ReadingContext): ClinicTypeInterval[] {
  const chosen = practiceIntervals(ctx.db)
  const used = clinicTypesInUse(ctx.db)
  const seen = new Set<string>()
  const result: ClinicTypeInterval[] = []
  for (const type of [...builtInClinicTypes.map((t) => t.type), ...chosen.keys(), ...used]) {
    const key = clinicTypeKey(type)
    if (seen.has(key)) continue
    seen.add(key)
    result.push(followUpWeeksForType(type, chosen))
  }
  return result
}

export function setClinicTypeInterval(ctx: ServiceContext, input: { type: string; weeks: number }): ClinicTypeInterval {
  const type = input.type.trim()
  if (!type) throw new AppError('invalid_input', 'type: name the clinic type', { field: 'type' })
  if (!Number.isInteger(input.weeks) || input.weeks < MIN_FOLLOW_UP_WEEKS || input.weeks > MAX_FOLLOW_UP_WEEKS) {
    throw new AppError(
      'invalid_input',
      `weeks: the follow-up interval must be a whole number of weeks from ${MIN_FOLLOW_UP_WEEKS} to ${MAX_FOLLOW_UP_WEEKS} (got ${input.weeks})`,
      { field: 'weeks' }
    )
  }
  const save = ctx.db.transaction(() => {
    // One setting per type: reuse the spelling already stored or the built-in name, so
    // "time to talk" updates "Time to Talk" rather than adding a second row.
    const existing = followUpWeeksForType(type, practiceIntervals(ctx.db))
    const builtIn = builtInClinicTypes.find((t) => clinicTypeKey(t.type) === clinicTypeKey(type))
    const stored = existing.practiceSet ? existing.type : (builtIn?.type ?? type)
    saveClinicTypeSetting(ctx.db, { type: stored, weeks: input.weeks, updatedAt: ctx.now().toISOString(), updatedBy: actorName(ctx) })
    logActivity(ctx, ctx.db, 'clinics.setFollowUpInterval', `Follow-up after a ${clinicName(stored)} set to ${input.weeks} weeks`, {
      type: stored,
      weeks: input.weeks
    })
    return { type: stored, weeks: input.weeks, practiceSet: true }
  })
  return save()
}
