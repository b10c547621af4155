// Saved custom cohorts: one `custom_cohorts` row per cohort (when it was created, whether it is
// archived) and one append-only `custom_cohort_versions` row per saved version. Nothing here
// updates a version or deletes a cohort; archiving only stamps the cohort row.
import type { ReadableDb, WritableDb } from '../db/database-access'

export interface CustomCohortVersionRow {
  custom_cohort_id: number
  version: number
  name: string
  description: string
  criteria_json: string
  exclusions_json: string
  saved_at: string
  saved_by: string
  archived_at: string | null
}

const versionSelect = `SELECT v.custom_cohort_id, v.version, v.name, v.description, v.criteria_json, v.exclusions_json, v.saved_at, v.saved_by, c.archived_at
                         FROM custom_cohort_versions v JOIN custom_cohorts c ON c.id = v.custom_cohort_id`

/** The latest version of every custom cohort not archived, oldest cohort first. */
export function latestLiveCustomCohortVersions(db: ReadableDb): CustomCohortVersionRow[] {
  return db
    .prepare(
      `${versionSelect}
        WHERE c.archived_at IS NULL
          AND v.version = (SELECT MAX(version) FROM custom_cohort_versions WHERE custom_cohort_id = v.custom_cohort_id)
        ORDER BY v.custom_cohort_id`
    )
    .all() as CustomCohortVersionRow[]
}

/** One custom cohort at a version (default: its latest), archived or not. */
export function customCohortVersion(db: ReadableDb, customId: number, version?: number): CustomCohortVersionRow | undefined {
  return (
    version === undefined
      ? db.prepare(`${versionSelect} WHERE v.custom_cohort_id = ? ORDER BY v.version DESC LIMIT 1`).get(customId)
      : db.prepare(`${versionSelect} WHERE v.custom_cohort_id = ? AND v.version = ?`).get(customId, version)
  ) as CustomCohortVersionRow | undefined
}

/** The highest version saved of a custom cohort; 0 when it has none yet. */
export function latestCustomCohortVersionNumber(db: ReadableDb, customId: number): number {
  return db.prepare('SELECT IFNULL(MAX(version), 0) AS latest FROM custom_cohort_versions WHERE custom_cohort_id = ?').pluck().get(customId) as number
}

export function insertCustomCohort(w: WritableDb, created: { createdAt: string; createdBy: string }): number {
  return Number(w.prepare('INSERT INTO custom_cohorts (created_at, created_by) VALUES (?, ?)').run(created.createdAt, created.createdBy).lastInsertRowid)
}

export interface NewCustomCohortVersion {
  customId: number
  version: number
  name: string
  description: string
  criteriaJson: string
  exclusionsJson: string
  savedAt: string
  savedBy: string
}

export function insertCustomCohortVersion(w: WritableDb, row: NewCustomCohortVersion): void {
  w.prepare(
    `INSERT INTO custom_cohort_versions (custom_cohort_id, version, name, description, criteria_json, exclusions_json, saved_at, saved_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
  ).run(row.customId, row.version, row.name, row.description, row.criteriaJson, row.exclusionsJson, row.savedAt, row.savedBy)
}

export function archiveCustomCohortRow(w: WritableDb, customId: number, archived: { archivedAt: string; archivedBy: string }): void {
  w.prepare('UPDATE custom_cohorts SET archived_at = ?, archived_by = ? WHERE id = ?').run(archived.archivedAt, archived.archivedBy, customId)
}
