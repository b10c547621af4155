// Programmes: created by the practice (or, for a build with no programme named, made once per
// cohort definition so every snapshot belongs to one), listed with their progress, closed when
// done. Which programme a build, a clinic or an appointment belongs to is decided here, so every
// front end gets the same answer.
import type { CohortParameters } from '../../shared/domain/cohort-parameters'
import { programmeDefaultsFor, programmeNameProblem, type Programme, type ProgrammeOutcome, type ProgrammeStatus } from '../../shared/domain/programme'
import { AppError } from '../../shared/result'
import { logActivity } from '../activity-log'
import { actorName, todayIso, type ReadingContext, type ServiceContext } from '../context'
import type { ReadableDb, WritableDb } from '../db/database-access'
import { resolveDefinition, definitionToBuild } from '../cohorts/definition-catalog'
import {
  activeProgrammesOfDefinition,
  allProgrammes,
  findProgramme,
  insertProgramme,
  programmeOfLatestInvitation,
  programmeOfLatestMembership,
  programmeProgress,
  setProgrammeStatus,
  type ProgrammeProgressRow,
  type ProgrammeRow
} from './programme-queries'

export interface ProgrammeProgress {
  snapshots: number
  latestCohortId: number | null
  latestAsOf: string | null
  latestMembers: number | null
  invited: number
  booked: number
  attended: number
  clinics: number
}

export type ProgrammeWithProgress = Programme & { definitionName: string; progress: ProgrammeProgress }

function parseList(json: string): string[] {
  const value: unknown = JSON.parse(json)
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}

export function programmeFromRow(row: ProgrammeRow): Programme {
  return {
    programmeId: row.id,
    name: row.name,
    definition: row.definition_id,
    parameters: JSON.parse(row.parameters_json) as Partial<CohortParameters>,
    clinicTypes: parseList(row.clinic_types_json),
    templateIds: parseList(row.template_ids_json),
    followUpWeeks: row.follow_up_weeks,
    outcome: row.outcome,
    startDate: row.start_date,
    status: row.status,
    createdAt: row.created_at,
    createdBy: row.created_by
  }
}

const noProgress: ProgrammeProgress = {
  snapshots: 0,
  latestCohortId: null,
  latestAsOf: null,
  latestMembers: null,
  invited: 0,
  booked: 0,
  attended: 0,
  clinics: 0
}

function progressFromRow(row: ProgrammeProgressRow | undefined): ProgrammeProgress {
  if (!row) return noProgress
  return {
    snapshots: row.snapshots,
    latestCohortId: row.latest_cohort_id,
    latestAsOf: row.latest_as_of,
    latestMembers: row.latest_members,
    invited: row.invited,
    booked: row.booked,
    attended: row.attended,
    clinics: row.clinics
  }
}

function definitionName(ctx: Pick<ReadingContext, 'db'>, definition: string): string {
  return resolveDefinition(ctx, definition)?.definition.name ?? definition
}

/** Active programmes first, each with its progress at a glance. */
export function listProgrammes(ctx: Pick<ReadingContext, 'db'>): ProgrammeWithProgress[] {
  const progress = new Map(programmeProgress(ctx.db).map((r) => [r.programme_id, r]))
  return allProgrammes(ctx.db).map((row) => ({
    ...programmeFromRow(row),
    definitionName: definitionName(ctx, row.definition_id),
    progress: progressFromRow(progress.get(row.id))
  }))
}

export function requireProgramme(db: ReadableDb, programmeId: number): Programme {
  const row = findProgramme(db, programmeId)
  if (!row) throw new AppError('not_found', `programme: there is no programme ${programmeId} (see the programme list)`)
  return programmeFromRow(row)
}

export function getProgramme(ctx: Pick<ReadingContext, 'db'>, programmeId: number): ProgrammeWithProgress {
  const programme = requireProgramme(ctx.db, programmeId)
  const progress = programmeProgress(ctx.db).find((r) => r.programme_id === programmeId)
  return { ...programme, definitionName: definitionName(ctx, programme.definition), progress: progressFromRow(progress) }
}

/** The names two open programmes may not share. */
function activeProgrammeNames(db: ReadableDb): string[] {
  return allProgrammes(db)
    .filter((p) => p.status === 'active')
    .map((p) => p.name)
}

export interface CreateProgrammeInput {
  name: string
  definition: string
  parameters?: Partial<CohortParameters>
  clinicTypes?: string[]
  templateIds?: string[]
  followUpWeeks?: number | null
  outcome?: ProgrammeOutcome
  startDate?: string
}

function insertNewProgramme(ctx: ServiceContext, w: WritableDb, input: CreateProgrammeInput): Programme {
  const { definition } = definitionToBuild(ctx, input.definition)
  const problem = programmeNameProblem(input.name, activeProgrammeNames(w))
  if (problem) throw new AppError('invalid_input', `name: ${problem}`)
  const defaults = programmeDefaultsFor(definition.id)
  const name = input.name.trim()
  const outcome = input.outcome ?? defaults.outcome
  const programmeId = insertProgramme(w, {
    name,
    definitionId: definition.id,
    parametersJson: JSON.stringify(input.parameters ?? {}),
    clinicTypesJson: JSON.stringify(input.clinicTypes?.length ? input.clinicTypes : defaults.clinicTypes),
    templateIdsJson: JSON.stringify(input.templateIds?.length ? input.templateIds : defaults.templateIds),
    followUpWeeks: input.followUpWeeks ?? null,
    outcome,
    startDate: input.startDate ?? todayIso(ctx),
    createdAt: ctx.now().toISOString(),
    createdBy: actorName(ctx)
  })
  logActivity(
    ctx,
    w,
    'programmes.create',
    `Started the programme "${name}" (cohort: ${definition.name}; outcome: ${outcome === 'bp' ? 'blood pressure' : 'wellbeing'})`,
    {
      programmeId,
      definition: definition.id,
      outcome
    }
  )
  return requireProgramme(w, programmeId)
}

export function createProgramme(ctx: ServiceContext, input: CreateProgrammeInput): Programme {
  return ctx.db.transaction(() => insertNewProgramme(ctx, ctx.db, input))()
}

export function setStatusOfProgramme(ctx: ServiceContext, input: { programmeId: number; status: ProgrammeStatus }): Programme {
  return ctx.db.transaction(() => {
    const programme = requireProgramme(ctx.db, input.programmeId)
    if (programme.status === input.status) return programme
    if (input.status === 'active') {
      const problem = programmeNameProblem(programme.name, activeProgrammeNames(ctx.db))
      if (problem) throw new AppError('conflict', problem)
    }
    setProgrammeStatus(ctx.db, programme.programmeId, input.status, ctx.now().toISOString(), actorName(ctx))
    logActivity(ctx, ctx.db, 'programmes.setStatus', `${input.status === 'closed' ? 'Closed' : 'Reopened'} the programme "${programme.name}"`, {
      programmeId: programme.programmeId,
      status: input.status
    })
    return requireProgramme(ctx.db, programme.programmeId)
  })()
}

/** An open programme, or a refusal saying why not (a closed programme takes no new builds, batches or clinics). */
export function requireActiveProgramme(db: ReadableDb, programmeId: number, doing: string): Programme {
  const programme = requireProgramme(db, programmeId)
  if (programme.status !== 'active') {
    throw new AppError('conflict', `The programme "${programme.name}" is closed, so it cannot ${doing}. Reopen it from its programme page first.`)
  }
  return programme
}

/**
 * The programme a cohort build belongs to. Named: it must be open and build this definition. Not
 * named: the one open programme on this definition; none yet → one is started, named after the
 * definition (so a practice that never thinks about programmes still gets one per cohort, as the
 * existing data did); several → the caller must choose, since guessing would mix two audits.
 * Runs inside the build's transaction.
 */
export function programmeForBuild(ctx: ServiceContext, definition: { id: string; name: string }, programmeId: number | undefined): Programme {
  if (programmeId !== undefined) {
    const programme = requireActiveProgramme(ctx.db, programmeId, 'take a new cohort build')
    if (programme.definition !== definition.id) {
      throw new AppError(
        'invalid_input',
        `programme: the programme "${programme.name}" builds the cohort "${definitionName(ctx, programme.definition)}", not "${definition.name}". Choose that cohort, or another programme.`
      )
    }
    return programme
  }
  const open = activeProgrammesOfDefinition(ctx.db, definition.id)
  const [only, second] = open
  if (only && !second) return programmeFromRow(only)
  if (open.length > 1) {
    throw new AppError(
      'invalid_input',
      `programme: ${open.length} open programmes build "${definition.name}" (${open.map((p) => `${p.id} “${p.name}”`).join(', ')}); say which one this build is for.`
    )
  }
  return insertNewProgramme(ctx, ctx.db, { name: definition.name, definition: definition.id })
}

/**
 * The programme an appointment is booked for: the clinic's own, else the programme whose
 * invitation the patient had most recently been sent by the booking day, else the programme of the
 * latest snapshot they were a member of; null when the patient was never in any programme.
 */
export function programmeForAppointment(db: ReadableDb, clinicProgrammeId: number | null, patientId: number, bookingDay: string): number | null {
  return clinicProgrammeId ?? programmeOfLatestInvitation(db, patientId, bookingDay) ?? programmeOfLatestMembership(db, patientId)
}
