// The funnel's subset rule, over random practices on a real database: random programmes, patients,
// snapshots, invitations (1st to 3rd attempt), bookings (some cancelled, some for no programme),
// attendances and readings. For the whole practice and for each programme, every stage is a subset
// of the one it hangs from — as counts, and patient by patient — and the counts up to "attended"
// match an independent count of the same random history written here from the rule's words.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { auditDataset, auditSummary, type AuditPatient } from '../../src/main/audit/audit-service'
import { funnelStageRules, funnelStagesOf, inBpTable, type FunnelCounts, type FunnelStage } from '../../src/shared/domain/audit-funnel'
import { auditSeeder, type AppointmentStatus } from '../support/audit-seeder'
import { createTestContext } from '../support/test-context'

const AS_OF = '2026-11-22'
const dayOf = (offset: number) => new Date(Date.UTC(2026, 7, 1) + offset * 86_400_000).toISOString().slice(0, 10)
// Care from 1 Aug to mid-December (past the audit date); readings from months earlier, for baselines.
const careDay = fc.integer({ min: 0, max: 136 }).map(dayOf)
const readingDay = fc.integer({ min: -150, max: 136 }).map(dayOf)
// Systolic above diastolic, as every stored reading is.
const bp = fc
  .record({ diastolic: fc.integer({ min: 60, max: 110 }), gap: fc.integer({ min: 20, max: 90 }) })
  .map(({ diastolic, gap }) => ({ systolic: diastolic + gap, diastolic }))

const practice = fc.record({ programmes: fc.integer({ min: 1, max: 3 }), patients: fc.integer({ min: 1, max: 10 }) }).chain(({ programmes, patients }) => {
  const programme = fc.integer({ min: 0, max: programmes - 1 })
  const patient = fc.integer({ min: 0, max: patients - 1 })
  return fc.record({
    programmes: fc.constant(programmes),
    patients: fc.constant(patients),
    snapshots: fc.array(fc.record({ programme, asOf: careDay, members: fc.uniqueArray(patient, { maxLength: patients }) }), { minLength: 1, maxLength: 4 }),
    invitations: fc.array(fc.record({ snapshot: fc.nat(), member: fc.nat(), attempt: fc.constantFrom(1 as const, 2 as const, 3 as const), sentOn: careDay }), {
      maxLength: 24
    }),
    clinics: fc.array(careDay, { minLength: 1, maxLength: 3 }),
    // The practice database stores a reading once (patient, day, values, setting, source): two
    // attended visits of one patient with the same values, or two identical imported readings,
    // would be refused as the same reading, so the random history never holds them.
    appointments: fc.uniqueArray(
      fc.record({
        clinic: fc.nat(),
        patient,
        programme: fc.option(programme, { nil: null, freq: 5 }),
        status: fc.constantFrom<AppointmentStatus>('booked', 'attended', 'attended', 'did-not-attend', 'cancelled'),
        bookedOn: careDay,
        reading: fc.option(bp, { nil: null, freq: 4 })
      }),
      { maxLength: 20, selector: (a) => (a.reading ? `${a.patient} ${a.reading.systolic}/${a.reading.diastolic}` : JSON.stringify(a)) }
    ),
    readings: fc.uniqueArray(fc.record({ patient, on: readingDay, bp }), {
      maxLength: 30,
      selector: (r) => `${r.patient} ${r.on} ${r.bp.systolic}/${r.bp.diastolic}`
    })
  })
})

type Practice = typeof practice extends fc.Arbitrary<infer T> ? T : never
type Scope = number | null // a programme's index, or the whole practice
type Stages = Record<Exclude<FunnelStage, 'followedUp'>, boolean>

/** The stages up to "attended" for one patient, worked out from the random history alone. */
function expectedStages(m: Practice, scope: Scope, patient: number): Stages | null {
  const inScope = (programme: number | null) => scope === null || programme === scope
  const eligible = m.snapshots.some((s) => inScope(s.programme) && s.asOf <= AS_OF && s.members.includes(patient))
  if (!eligible) return null
  const attempts = invitationsOf(m)
    .filter((i) => i.patient === patient && inScope(i.programme) && i.sentOn <= AS_OF)
    .map((i) => i.attempt)
  const appointments = m.appointments
    .map((a) => ({ ...a, clinicDate: m.clinics[a.clinic % m.clinics.length] as string }))
    .filter((a) => a.patient === patient && inScope(a.programme))
  const attendedAny = appointments.some((a) => a.status === 'attended' && a.clinicDate <= AS_OF)
  const bookedAny = attendedAny || appointments.some((a) => a.status !== 'cancelled' && (a.bookedOn <= AS_OF || a.clinicDate <= AS_OF))
  const invited1 = attempts.length > 0
  const invited2 = invited1 && attempts.some((a) => a >= 2)
  const invited3 = invited2 && attempts.includes(3)
  const booked = invited1 && bookedAny
  return { eligible, invited1, invited2, invited3, booked, attended: booked && attendedAny }
}

/** The invitations that can exist: each to a member of the snapshot it was sent from. */
function invitationsOf(m: Practice) {
  return m.invitations.flatMap((i) => {
    const snapshot = m.snapshots[i.snapshot % m.snapshots.length]
    const patient = snapshot?.members[i.member % Math.max(snapshot.members.length, 1)]
    return snapshot && patient !== undefined ? [{ ...i, patient, programme: snapshot.programme }] : []
  })
}

function checkNested(funnel: FunnelCounts, where: string): void {
  for (const rule of funnelStageRules) {
    if (rule.parent) expect(funnel[rule.stage], `${where}: ${rule.stage} ≤ ${rule.parent}`).toBeLessThanOrEqual(funnel[rule.parent])
  }
  expect(funnel.invited).toBe(funnel.invited1)
}

function checkPatients(m: Practice, scope: Scope, patients: readonly AuditPatient[], patientIds: readonly number[], where: string): void {
  const indexOf = new Map(patientIds.map((id, i) => [id, i]))
  const expectedEligible = patientIds.map((_, i) => i).filter((i) => expectedStages(m, scope, i) !== null)
  expect(patients.map((p) => indexOf.get(p.patientId)).sort(), `${where}: eligible patients`).toEqual(expectedEligible.sort())
  for (const p of patients) {
    const stages = funnelStagesOf(p)
    // Patient by patient: a member of a stage is a member of the stage it hangs from.
    for (const rule of funnelStageRules)
      if (rule.parent && stages[rule.stage]) expect(stages[rule.parent], `${where}: ${rule.stage} ⊆ ${rule.parent}`).toBe(true)
    const { followedUp, ...upToAttended } = stages
    expect(upToAttended, `${where}: patient ${indexOf.get(p.patientId)}`).toEqual(expectedStages(m, scope, indexOf.get(p.patientId) as number))
    if (followedUp) expect(inBpTable(p)).toBe(true)
    if (inBpTable(p)) expect(stages.invited1).toBe(true)
  }
}

describe('the funnel over random practices', () => {
  it('never has a stage larger than the one it hangs from, for the practice and each programme, and counts what happened', () => {
    fc.assert(
      fc.property(practice, (m) => {
        const ctx = createTestContext({ now: '2026-11-22T10:00:00Z' })
        try {
          const { programmeIds, patientIds } = seedPractice(ctx, m)
          const whole = auditSummary(ctx, { asOf: AS_OF })
          checkNested(whole.funnel, 'whole practice')
          checkPatients(m, null, auditDataset(ctx, AS_OF).patients, patientIds, 'whole practice')
          for (const group of whole.breakdowns.flatMap((b) => b.groups)) checkNested(group.funnel, `breakdown ${group.group}`)
          expect(whole.programmes.map((p) => p.programmeId)).toEqual(programmeIds)
          programmeIds.forEach((programmeId, index) => {
            const own = auditSummary(ctx, { asOf: AS_OF, programmeId })
            checkNested(own.funnel, `programme ${index}`)
            checkPatients(m, index, auditDataset(ctx, AS_OF, programmeId).patients, patientIds, `programme ${index}`)
            // The whole practice's list gives each programme's own figures, as its own audit does.
            expect(whole.programmes[index]?.funnel).toEqual(own.funnel)
            expect(whole.programmes[index]?.bpOutcome).toEqual(own.bpOutcome)
          })
          // The whole practice counts each patient once: never more eligible than there are patients.
          expect(whole.funnel.eligible).toBeLessThanOrEqual(m.patients)
        } finally {
          ctx.cleanup()
        }
      }),
      { numRuns: 200 }
    )
  })
})

/** The random history written into the database as the app would have recorded it. */
function seedPractice(ctx: ReturnType<typeof createTestContext>, m: Practice) {
  const s = auditSeeder(ctx)
  const programmeIds = Array.from({ length: m.programmes }, (_, i) =>
    s.programme(`Programme ${i + 1}`, i % 2 === 0 ? 'hypertension-black-african-caribbean' : 'time-to-talk')
  )
  const patientIds = Array.from({ length: m.patients }, () => s.patient())
  const cohortIds = m.snapshots.map((x) =>
    s.snapshot(
      programmeIds[x.programme] as number,
      x.asOf,
      x.members.map((p) => patientIds[p] as number)
    )
  )
  for (const i of m.invitations) {
    const index = i.snapshot % m.snapshots.length
    const snapshot = m.snapshots[index]
    const member = snapshot?.members[i.member % Math.max(snapshot.members.length, 1)]
    if (member !== undefined) s.invite(cohortIds[index] as number, patientIds[member] as number, i.attempt, i.sentOn)
  }
  const clinicIds = m.clinics.map((date) => s.clinic(date, null))
  for (const a of m.appointments) {
    const clinicIndex = a.clinic % m.clinics.length
    const appointmentId = s.appointment(
      clinicIds[clinicIndex] as number,
      patientIds[a.patient] as number,
      a.status,
      a.programme === null ? null : (programmeIds[a.programme] as number),
      a.bookedOn
    )
    if (a.reading && a.status === 'attended')
      s.reading(patientIds[a.patient] as number, m.clinics[clinicIndex] as string, a.reading.systolic, a.reading.diastolic, appointmentId)
  }
  for (const r of m.readings) s.reading(patientIds[r.patient] as number, r.on, r.bp.systolic, r.bp.diastolic)
  return { programmeIds, patientIds }
}
