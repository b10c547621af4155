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
import { actorName, type ReadingContext, type ServiceContext } from '../context'
import {
  archiveCustomCohortRow,
  customCohortVersion,
  type CustomCohortVersionRow,
  insertCustomCohort,
  insertCustomCohortVersion,
  latestCustomCohortVersionNumber,
  latestLiveCustomCohortVersions
} from './custom-cohort-queries'

export type SaveCustomCohortInputT = z.output<typeof SaveCustomCohortInput>

export interface StoredCustomCohort extends SavedCustomCohort {
  savedAt: string
  savedBy: string
  archivedAt: string | null
}

function fromRow(row: CustomCohortVersionRow): StoredCustomCohort {
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
export function listCustomCohorts(ctx: Pick<ReadingContext, 'db'>): StoredCustomCohort[] {
  return latestLiveCustomCohortVersions(ctx.db).map(fromRow)
}

/** One custom cohort at a version (default: its latest), archived or not; null when there is none. */
export function findCustomCohort(ctx: Pick<ReadingContext, 'db'>, customId: number, version?: number): StoredCustomCohort | null {
  const row = customCohortVersion(ctx.db, customId, version)
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
    if (customId === null) customId = insertCustomCohort(ctx.db, { createdAt: now, createdBy: by })
    const version = latestCustomCohortVersionNumber(ctx.db, customId) + 1
    insertCustomCohortVersion(ctx.db, {
      customId,
      version,
      name: input.name,
      description: input.description,
      criteriaJson: JSON.stringify(input.criteria),
      exclusionsJson: JSON.stringify(input.exclusions),
      savedAt: now,
      savedBy: by
    })
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
    archiveCustomCohortRow(ctx.db, customId, { archivedAt: ctx.now().toISOString(), archivedBy: actorName(ctx) })
    logActivity(ctx, ctx.db, 'cohorts.archiveCustom', `Archived custom cohort "${existing.name}" (its snapshots are kept)`, { definition })
  })()
}
