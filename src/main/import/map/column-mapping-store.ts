// Column mappings saved per header layout (migration 0002): the roles a user chose on the
// column-mapping screen, filed under the hash of the file's normalised captions, so the next file
// with the same columns is read the same way without asking.
import type { z } from 'zod'
import type { SavedColumnMapping } from '../../../shared/contract'
import { columnRoleLabel, isColumnRoleName, mappingProblems, type ColumnRoleName } from '../../../shared/import-column-roles'
import { AppError } from '../../../shared/result'
import { logActivity } from '../../activity-log'
import { actorName, type ServiceContext } from '../../context'
import type { ReadableDb } from '../../db/database-access'
import { allMappingRows, deleteMapping, mappingRowFor, upsertMapping, type MappingRow } from './column-mapping-queries'
import { layoutCaptions, layoutHashOf } from './map-columns'
import type { MappingChoice } from './read-options'

export type SavedColumnMappingT = z.output<typeof SavedColumnMapping>

function fromRow(row: MappingRow): SavedColumnMappingT {
  return {
    layoutHash: row.layout_hash,
    captions: JSON.parse(row.captions_json) as string[],
    roles: JSON.parse(row.roles_json) as string[],
    savedAt: row.saved_at,
    savedBy: row.saved_by
  }
}

export function findSavedMapping(db: ReadableDb, layoutHash: string): SavedColumnMappingT | undefined {
  const row = mappingRowFor(db, layoutHash)
  return row ? fromRow(row) : undefined
}

export function listColumnMappings(db: ReadableDb): SavedColumnMappingT[] {
  return allMappingRows(db).map(fromRow)
}

/** Roles for a layout's columns, checked: known roles, one per caption, an NHS number column. */
export function checkedRoles(captionCount: number, roles: readonly string[]): ColumnRoleName[] {
  if (roles.length > captionCount) {
    throw new AppError('invalid_input', `The mapping has ${roles.length} roles but the layout has ${captionCount} columns`)
  }
  const padded = [...roles, ...Array<string>(captionCount - roles.length).fill('ignored')]
  const problems = mappingProblems(padded)
  if (problems.length > 0) throw new AppError('invalid_input', `This column mapping cannot be used: ${problems.join('; ')}`)
  return padded.map((r) => (isColumnRoleName(r) ? r : 'ignored'))
}

export function saveColumnMapping(ctx: ServiceContext, input: { captions: readonly string[]; roles: readonly string[] }): SavedColumnMappingT {
  const captions = layoutCaptions(input.captions)
  if (captions.length === 0) throw new AppError('invalid_input', 'The layout has no column captions to save a mapping for')
  const roles = checkedRoles(captions.length, input.roles.slice(0, Math.max(captions.length, 0)))
  const layoutHash = layoutHashOf(captions)
  const savedAt = ctx.now().toISOString()
  const savedBy = actorName(ctx)
  ctx.db.transaction(() => {
    upsertMapping(ctx.db, {
      layout_hash: layoutHash,
      captions_json: JSON.stringify(captions),
      roles_json: JSON.stringify(roles),
      saved_at: savedAt,
      saved_by: savedBy
    })
    const described = roles
      .map((role, i) => (role === 'ignored' ? null : `${captions[i] ?? ''} → ${columnRoleLabel(role)}`))
      .filter((d): d is string => d !== null)
      .join(', ')
    logActivity(ctx, ctx.db, 'imports.saveMapping', `Saved a column mapping for a ${captions.length}-column layout: ${described}`, { layoutHash })
  })()
  return { layoutHash, captions, roles, savedAt, savedBy }
}

export function forgetColumnMapping(ctx: ServiceContext, layoutHash: string): boolean {
  return ctx.db.transaction(() => {
    const removed = deleteMapping(ctx.db, layoutHash)
    if (removed) logActivity(ctx, ctx.db, 'imports.forgetMapping', 'Forgot a saved column mapping', { layoutHash })
    return removed
  })()
}

const asRole = (r: string): ColumnRoleName => (isColumnRoleName(r) ? r : 'ignored')

/**
 * How the importer finds a mapping for a layout: one given with this request wins, else the saved
 * one. A given mapping is checked here, so a bad one fails before any file is read.
 */
export function mappingLookup(
  db: ReadableDb,
  given: readonly { layoutHash: string; roles: readonly string[] }[]
): (layoutHash: string) => MappingChoice | undefined {
  const chosen = new Map(given.map((m) => [m.layoutHash, m.roles]))
  for (const roles of chosen.values()) {
    const problems = mappingProblems(roles)
    if (problems.length > 0) throw new AppError('invalid_input', `This column mapping cannot be used: ${problems.join('; ')}`)
  }
  return (layoutHash) => {
    const roles = chosen.get(layoutHash)
    if (roles) return { roles: roles.map(asRole), source: 'chosen' }
    const saved = findSavedMapping(db, layoutHash)
    if (!saved) return undefined
    return { roles: saved.roles.map(asRole), source: 'saved', savedAt: saved.savedAt, savedBy: saved.savedBy }
  }
}
