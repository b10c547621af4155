// A visit's record on its clinic's form, written when the visit is recorded and read back with the
// appointment. The record is stored as it was checked (visitRecordProblems), with the register
// conditions the form showed, and each score in its own row. A visit recorded before the forms has
// no record: it reads back as a BP review with only the actions and note on the appointment.
import type { z } from 'zod'
import { VisitRecordSchema, type StoredVisit as StoredVisitSchema } from '../../shared/contract'
import { storedMeasureScore, type VisitMeasureScore } from '../../shared/domain/visit-measures'
import { visitFormRequirements } from '../../shared/domain/visit-forms'
import type { ReadableDb, WritableDb } from '../db/database-access'
import {
  currentVisitRecord,
  insertVisitMeasures,
  insertVisitRecord,
  measuresOfVisitRecord,
  referralsMadeAtVisit,
  type VisitMeasureRow
} from './visit-record-queries'

export type StoredVisit = z.output<typeof StoredVisitSchema>
export type VisitRecordT = z.output<typeof VisitRecordSchema>

/** A register condition as the form showed it, kept with the record so an audit knows what was not confirmed too. */
export interface RegisterConditionShown {
  concept: string
  name: string
}

export interface VisitRecordToStore {
  appointmentId: number
  record: VisitRecordT
  registerConditions: readonly RegisterConditionShown[]
  scores: readonly VisitMeasureScore[]
  riskPrompt: boolean
  recordedAt: string
  recordedBy: string
}

/** Writes the record and its scores; inside the caller's transaction. Returns the record's id. */
export function storeVisitRecord(w: WritableDb, visit: VisitRecordToStore): number {
  const recordId = insertVisitRecord(w, {
    appointmentId: visit.appointmentId,
    form: visit.record.form,
    recordJson: JSON.stringify({ ...visit.record, registerConditions: visit.registerConditions }),
    riskPrompt: visit.riskPrompt,
    recordedAt: visit.recordedAt,
    recordedBy: visit.recordedBy
  })
  insertVisitMeasures(w, { recordId, appointmentId: visit.appointmentId }, visit.scores)
  return recordId
}

function parseItems(json: string | null): (number | null)[] | null {
  if (json === null) return null
  try {
    const value: unknown = JSON.parse(json)
    return Array.isArray(value) ? value.map((a) => (typeof a === 'number' ? a : null)) : null
  } catch {
    return null
  }
}

function scoreOf(row: VisitMeasureRow): VisitMeasureScore {
  return storedMeasureScore({ measure: row.measure, score: row.score, band: row.band, items: parseItems(row.items_json), enteredAs: row.entered_as })
}

/** The stored JSON split into the record and the conditions shown; a record this version cannot read is null (its scores still show). */
function parseStored(json: string): { record: VisitRecordT | null; registerConditions: RegisterConditionShown[] } {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    return { record: null, registerConditions: [] }
  }
  if (typeof value !== 'object' || value === null) return { record: null, registerConditions: [] }
  const { registerConditions, ...rest } = value as { registerConditions?: unknown }
  const shown = Array.isArray(registerConditions)
    ? registerConditions.flatMap((c): RegisterConditionShown[] =>
        typeof c === 'object' && c !== null && typeof (c as RegisterConditionShown).concept === 'string'
          ? [{ concept: (c as RegisterConditionShown).concept, name: String((c as RegisterConditionShown).name ?? (c as RegisterConditionShown).concept) }]
          : []
      )
    : []
  const parsed = VisitRecordSchema.safeParse(rest)
  return { record: parsed.success ? parsed.data : null, registerConditions: shown }
}

/** The visit as stored, for an attended appointment. */
export function storedVisitOf(db: ReadableDb, appointmentId: number): StoredVisit {
  const referrals = referralsMadeAtVisit(db, appointmentId).map((r) => ({ referralId: r.id, serviceId: r.service_id, service: r.service_name, kind: r.kind }))
  const row = currentVisitRecord(db, appointmentId)
  if (!row) {
    return {
      recordId: null,
      form: 'bp-review',
      formLabel: visitFormRequirements['bp-review'].label,
      record: null,
      conditions: [],
      scores: [],
      riskPrompt: false,
      recordedAt: null,
      recordedBy: null,
      referrals
    }
  }
  const { record, registerConditions } = parseStored(row.record_json)
  const confirmed = new Set(record?.conditionsConfirmed ?? [])
  return {
    recordId: row.id,
    form: row.form,
    formLabel: visitFormRequirements[row.form].label,
    record,
    conditions: registerConditions.map((c) => ({ ...c, confirmed: confirmed.has(c.concept) })),
    scores: measuresOfVisitRecord(db, row.id).map(scoreOf),
    riskPrompt: row.risk_prompt === 1,
    recordedAt: row.recorded_at,
    recordedBy: row.recorded_by,
    referrals
  }
}
