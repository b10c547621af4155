// A saved cohort snapshot whose members are written straight into a test database, with exactly the
// contact details a test is about (address lines, postcode, mobile, home phone): what an invitation
// batch reads. Members get priority P3 unless told otherwise.
import type { ServiceContext } from '../../src/main/context'

export interface SeededMember {
  nhs: string
  given: string
  family: string
  title?: string | null
  /** Default: a full street address. */
  address?: string[]
  /** Default 'SW9 7AB'; null for none. */
  postcode?: string | null
  mobile?: string | null
  homePhone?: string | null
}

/** Writes the members and a cohort snapshot listing them; returns the cohort id. */
export function seedInvitationCohort(ctx: Pick<ServiceContext, 'db' | 'now'>, members: readonly SeededMember[], asOf = '2026-10-31'): number {
  const now = ctx.now().toISOString()
  const cohortId = Number(
    ctx.db
      .prepare(
        `INSERT INTO cohorts (definition_id, definition_version, name, as_of, mode, built_at, built_by, member_count, excluded_count, not_eligible_count)
         VALUES ('uncontrolled-hypertension', 1, 'Uncontrolled hypertension', ?, 'qof', ?, 'Test', ?, 0, 0)`
      )
      .run(asOf, now, members.length).lastInsertRowid
  )
  for (const m of members) {
    const patientId = Number(
      ctx.db
        .prepare(
          `INSERT INTO patients (nhs_number, title, given_name, family_name, date_of_birth, address_lines_json, postcode, mobile, home_phone,
             registration_status, created_at, updated_at)
           VALUES (?, ?, ?, ?, '1960-05-03', ?, ?, ?, ?, 'Regular', ?, ?)`
        )
        .run(
          m.nhs,
          m.title ?? null,
          m.given,
          m.family,
          JSON.stringify(m.address ?? ['1 Test Street', 'London']),
          m.postcode === undefined ? 'SW9 7AB' : m.postcode,
          m.mobile ?? null,
          m.homePhone ?? null,
          now,
          now
        ).lastInsertRowid
    )
    ctx.db
      .prepare(
        `INSERT INTO cohort_entries (cohort_id, patient_id, status, priority, severe, reasons_json, explanation_json) VALUES (?, ?, 'member', 'P3', 0, '[]', '{}')`
      )
      .run(cohortId, patientId)
  }
  return cohortId
}
