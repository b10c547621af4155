// Practice settings live in the `settings` table under the key 'practice' as JSON. Reading falls
// back to the placeholders for any field missing (an older saved shape), so letters always have
// every field; writing replaces the whole record and logs who changed it.
import { PracticeSettings as PracticeSettingsSchema } from '../../shared/contract'
import { defaultPracticeSettings, type PracticeSettings } from '../../shared/domain/practice-settings'
import { AppError } from '../../shared/result'
import { logActivity } from '../activity-log'
import type { ServiceContext } from '../context'
import { readSettingJson, writeSettingJson } from './settings-queries'

const SETTINGS_KEY = 'practice'

export function getPracticeSettings(ctx: Pick<ServiceContext, 'db'>): PracticeSettings {
  const json = readSettingJson(ctx.db, SETTINGS_KEY)
  if (json === undefined) return { ...defaultPracticeSettings, addressLines: [...defaultPracticeSettings.addressLines] }
  let stored: unknown
  try {
    stored = JSON.parse(json)
  } catch {
    throw new AppError('internal', 'The saved practice settings are not readable JSON; please re-enter them in Settings')
  }
  const merged = { ...defaultPracticeSettings, ...(typeof stored === 'object' && stored !== null ? stored : {}) }
  const parsed = PracticeSettingsSchema.safeParse(merged)
  if (!parsed.success) {
    throw new AppError('internal', 'The saved practice settings do not have the expected shape; please re-enter them in Settings')
  }
  return parsed.data
}

export function updatePracticeSettings(ctx: ServiceContext, settings: PracticeSettings): PracticeSettings {
  const parsed = PracticeSettingsSchema.safeParse(settings)
  if (!parsed.success) {
    throw new AppError('invalid_input', `Practice settings: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
  }
  const value = parsed.data
  const db = ctx.db
  db.transaction(() => {
    writeSettingJson(db, SETTINGS_KEY, JSON.stringify(value))
    logActivity(ctx, db, 'settings.update', `Practice settings updated (${value.practiceName})`, { practiceName: value.practiceName })
  })()
  return value
}
