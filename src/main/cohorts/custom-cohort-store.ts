// Saved custom cohorts (migration 0005): save a new one or a new version of one, archive, read.
// Versions are append-only: an edit is a new row, so a snapshot built with version N is explained
// with exactly version N's criteria. Archived cohorts are hidden from lists and builds, never deleted.
import type { z } from 'zod'
import type { SaveCustomCohortInput } from '../../shared/custom-cohort-schema'
import { CustomCriterion } from '../../shared/custom-cohort-schema'
import { cohortDefinitions } from '../../shared/domain/cohort-definitions'
import { type SavedCustomCohort, customCohortId, isExclusionRuleId } from '../../shared/domain/custom-cohort-definition'
import { AppError } from '../../shared/result'
import { logActivity } from '../activity-log'
import { actorName, type ServiceContext } from '../context'

export type SaveCustomCohortInputT = z.output<typeof SaveCustomCohortInput>

export interface StoredCustomCohort extends SavedCustomCohort {
  savedAt: string
  savedBy: string
  archivedAt: string | null
}

interface VersionRow {
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

function fromRow(row: VersionRow): StoredCustomCohort {
  // Stored criteria were validated when saved; parsing again fills defaults added since.
  const criteria = (JSON.parse(row.criteria_json) as unknown[]).map((c) => CustomCriterion.parse(c))
  return {
    customId: row.custom_cohort_id,
    version: row.version,
    name: row.name,
    description: row.description,
    criteria,
    exclusions: JSON.parse(row.exclusions_json) as string[],
    savedAt: row.saved_at,
    savedBy: row.saved_by,
    archivedAt: row.archived_at
  }
}

/** The latest version of every custom cohort not archived, oldest first. */
export function listCustomCohorts(ctx: Pick<ServiceContext, 'db'>): StoredCustomCohort[] {
  const rows = ctx.db
    .prepare(
      `${versionSelect}
        WHERE c.archived_at IS NULL
          AND v.version = (SELECT MAX(version) FROM custom_cohort_versions WHERE custom_cohort_id = v.custom_cohort_id)
        ORDER BY v.custom_cohort_id`
    )
    .all() as VersionRow[]
  return rows.map(fromRow)
}

/** One custom cohort at a version (default: its latest), archived or not; null when there is none. */
export function findCustomCohort(ctx: Pick<ServiceContext, 'db'>, customId: number, version?: number): StoredCustomCohort | null {
  const row = (
    version === undefined
      ? ctx.db.prepare(`${versionSelect} WHERE v.custom_cohort_id = ? ORDER BY v.version DESC LIMIT 1`).get(customId)
      : ctx.db.prepare(`${versionSelect} WHERE v.custom_cohort_id = ? AND v.version = ?`).get(customId, version)
  ) as VersionRow | undefined
  return row ? fromRow(row) : null
}

export function customNumber(definition: string): number {
  return Number(definition.slice('custom-'.length))
}

export function saveCustomCohort(ctx: ServiceContext, input: SaveCustomCohortInputT): StoredCustomCohort {
  input.exclusions.forEach((id, index) => {
    if (!isExclusionRuleId(id)) throw new AppError('invalid_input', `exclusions[${index}]: "${id}" is not an exclusion rule`)
  })
  if (new Set(input.exclusions).size !== input.exclusions.length) throw new AppError('invalid_input', 'exclusions: each exclusion at most once')
  const existingId = input.definition === undefined ? null : customNumber(input.definition)
  if (existingId !== null) {
    const existing = findCustomCohort(ctx, existingId)
    if (!existing) throw new AppError('not_found', `definition: custom cohort "${input.definition}" does not exist`)
    if (existing.archivedAt) throw new AppError('conflict', `definition: custom cohort "${existing.name}" is archived and cannot be changed`)
  }
  const clash = (name: string) => name.trim().toLowerCase() === input.name.toLowerCase()
  if (cohortDefinitions.some((d) => clash(d.name) || clash(d.id))) {
    throw new AppError('conflict', `name: "${input.name}" is the name of a built-in cohort; choose another`)
  }
  if (listCustomCohorts(ctx).some((c) => c.customId !== existingId && clash(c.name))) {
    throw new AppError('conflict', `name: a custom cohort called "${input.name}" already exists; choose another name or edit that one`)
  }

  const now = ctx.now().toISOString()
  const by = actorName(ctx)
  const save = ctx.db.transaction((): { customId: number; version: number } => {
    let customId = existingId
    if (customId === null) {
      customId = Number(ctx.db.prepare('INSERT INTO custom_cohorts (created_at, created_by) VALUES (?, ?)').run(now, by).lastInsertRowid)
    }
    const { latest } = ctx.db.prepare('SELECT IFNULL(MAX(version), 0) AS latest FROM custom_cohort_versions WHERE custom_cohort_id = ?').get(customId) as {
      latest: number
    }
    const version = latest + 1
    ctx.db
      .prepare(
        `INSERT INTO custom_cohort_versions (custom_cohort_id, version, name, description, criteria_json, exclusions_json, saved_at, saved_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
      )
      .run(customId, version, input.name, input.description, JSON.stringify(input.criteria), JSON.stringify(input.exclusions), now, by)
    logActivity(ctx, ctx.db, 'cohorts.saveCustom', `${version === 1 ? 'Saved new' : 'Changed'} custom cohort "${input.name}" (version ${version})`, {
      definition: customCohortId(customId),
      version,
      criteria: input.criteria,
      exclusions: input.exclusions
    })
    return { customId, version }
  })
  const { customId, version } = save()
  const saved = findCustomCohort(ctx, customId, version)
  if (!saved) throw new AppError('internal', 'The custom cohort was saved but could not be read back')
  return saved
}

export function archiveCustomCohort(ctx: ServiceContext, definition: string): void {
  const customId = customNumber(definition)
  const existing = findCustomCohort(ctx, customId)
  if (!existing) throw new AppError('not_found', `definition: custom cohort "${definition}" does not exist`)
  if (existing.archivedAt) return
  ctx.db.transaction(() => {
    ctx.db.prepare('UPDATE custom_cohorts SET archived_at = ?, archived_by = ? WHERE id = ?').run(ctx.now().toISOString(), actorName(ctx), customId)
    logActivity(ctx, ctx.db, 'cohorts.archiveCustom', `Archived custom cohort "${existing.name}" (its snapshots are kept)`, { definition })
  })()
}
