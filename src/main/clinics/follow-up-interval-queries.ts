// Named queries of clinic_type_settings: the follow-up interval the practice chose for a clinic
// type, one row per type.
import type { ReadableDb, WritableDb } from '../db/database-access'

export interface ClinicTypeSettingRow {
  type: string
  follow_up_weeks: number
}

/** Every interval the practice set, by type name. */
export function clinicTypeSettings(db: ReadableDb): ClinicTypeSettingRow[] {
  return db.prepare('SELECT type, follow_up_weeks FROM clinic_type_settings ORDER BY type').all() as ClinicTypeSettingRow[]
}

export interface ClinicTypeSetting {
  type: string
  weeks: number
  updatedAt: string
  updatedBy: string
}

/** Sets the type's interval, replacing the one stored under exactly that type name. */
export function saveClinicTypeSetting(w: WritableDb, setting: ClinicTypeSetting): void {
  w.prepare(
    `INSERT INTO clinic_type_settings (type, follow_up_weeks, updated_at, updated_by) VALUES (?, ?, ?, ?)
     ON CONFLICT(type) DO UPDATE SET follow_up_weeks = excluded.follow_up_weeks, updated_at = excluded.updated_at, updated_by = excluded.updated_by`
  ).run(setting.type, setting.weeks, setting.updatedAt, setting.updatedBy)
}
