// A build decides with each rule's `test` (no words) and words only the patients it lists with
// `evaluate` (cohort-rule.ts). The two must never disagree: for random patients, dates, modes and
// parameters, every rule's test equals evaluate(...).met, and a cohort built in one pass lists the
// same patients, for the same reasons, as patients evaluated one at a time with full explanations.
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { type TargetMode } from '../../src/shared/domain/bp-targets'
import type { ClinicalConcept } from '../../src/shared/domain/clinical-concepts'
import { cohortDefinitions } from '../../src/shared/domain/cohort-definitions'
import { evaluateCohort, evaluateCohortForSnapshot } from '../../src/shared/domain/cohort-engine'
import { type CohortParameters, defaultCohortParameters } from '../../src/shared/domain/cohort-parameters'
import { formatReasonCode } from '../../src/shared/domain/cohort-reason-codes'
import { cohortRules } from '../../src/shared/domain/cohort-rules'
import { patientFacts } from '../../src/shared/domain/patient-facts'
import type { EthnicCategory } from '../../src/shared/domain/ethnicity'
import type { PatientRecord } from '../../src/shared/domain/patient-record'

const concepts: ClinicalConcept[] = [
  'HYP',
  'HYPRES',
  'BPDEC',
  'HTMAX',
  'HYPPCADEC',
  'HYPPCAPU',
  'HYPINVITE',
  'DM',
  'DMRES',
  'CHD',
  'AST',
  'ASTRES',
  'DEP',
  'MH',
  'PALCARE',
  'REGISTERED',
  'CKD'
]
const categories: (EthnicCategory | null)[] = [null, 'A', 'D', 'E', 'H', 'M', 'N', 'P', 'Z']

// Dates around the as-of dates used below, so every window boundary is hit now and then.
const isoDate = fc.integer({ min: 0, max: 365 * 4 }).map((days) => new Date(Date.UTC(2023, 0, 1) + days * 86_400_000).toISOString().slice(0, 10))

let id = 1
const patient: fc.Arbitrary<PatientRecord> = fc
  .record({
    dateOfBirth: fc.option(fc.integer({ min: 1920, max: 2010 }).map((y) => `${y}-03-31`)),
    readings: fc.array(
      fc.record({
        date: isoDate,
        systolic: fc.integer({ min: 110, max: 200 }),
        diastolic: fc.integer({ min: 60, max: 125 }),
        setting: fc.constantFrom('clinic' as const, 'home' as const, 'ambulatory' as const)
      }),
      { maxLength: 4 }
    ),
    events: fc.array(
      fc.record({ date: fc.option(isoDate, { freq: 6 }), concept: fc.constantFrom(...concepts), code: fc.constant(''), term: fc.constant('') }),
      { maxLength: 6 }
    ),
    ethnicityCategory: fc.constantFrom(...categories),
    registrationStatus: fc.constantFrom(null, 'Regular', 'Deceased', 'Left', 'Transferred in', 'Transferred out', 'Temporary', 'Deducted'),
    nextBookedAppointmentOn: fc.option(isoDate, { freq: 4 }),
    lastInvitedOn: fc.option(isoDate, { freq: 4 }),
    // Every invitation sent from Clinic Recall, some after the as-of date (as-of dates below are in the range).
    invitedOn: fc.option(
      fc.array(isoDate, { maxLength: 3 }).map((dates) => [...dates].sort()),
      { freq: 3, nil: undefined }
    ),
    noContactPermitted: fc.boolean()
  })
  .map((p) => ({
    patientId: id++,
    nhsNumber: String(9000000000 + id),
    title: null,
    givenName: 'Test',
    familyName: `P${id}`,
    sex: 'F',
    ethnicityText: null,
    imdDecile: null,
    ...p
  }))

const settings = fc.record({
  asOf: fc.constantFrom('2026-03-31', '2025-11-01', '2026-02-28'),
  mode: fc.constantFrom<TargetMode>('qof', 'nice'),
  params: fc.record({
    includeMixedBlackCategories: fc.boolean(),
    conditionThreshold: fc.integer({ min: 1, max: 3 }),
    invitedWithinDays: fc.constantFrom(14, 28),
    lookbackMonths: fc.constantFrom(12, 6)
  })
})

describe('rule.test agrees with rule.evaluate(...).met', () => {
  test('for every built-in rule, random patients, dates, modes and parameters', () => {
    fc.assert(
      fc.property(patient, settings, (p, s) => {
        const params: CohortParameters = { ...defaultCohortParameters, ...s.params }
        const facts = patientFacts(p, s.asOf, s.mode, params)
        for (const rule of Object.values(cohortRules)) {
          const words = rule.evaluate(facts)
          if (rule.test) expect(rule.test(facts), `${rule.id}: ${words.detail}`).toBe(words.met)
        }
      }),
      { numRuns: 400 }
    )
  })

  test("a rule's reason from its stored values is the reason evaluate gives (snapshots store the values)", () => {
    let worded = 0
    fc.assert(
      fc.property(patient, settings, (p, s) => {
        const params: CohortParameters = { ...defaultCohortParameters, ...s.params }
        const facts = patientFacts(p, s.asOf, s.mode, params)
        for (const rule of Object.values(cohortRules)) {
          const words = rule.evaluate(facts)
          if (!words.met || !rule.reasonValues || !rule.formatReason) continue
          // Through JSON, as stored: the values survive and give the same words.
          const values = JSON.parse(JSON.stringify(rule.reasonValues(facts))) as ReturnType<NonNullable<typeof rule.reasonValues>>
          expect(rule.formatReason(values), rule.id).toBe(words.reason)
          worded++
        }
      }),
      { numRuns: 400 }
    )
    expect(worded).toBeGreaterThan(400)
  })

  test("every listed entry's reasons and BP rule are worded the same from their codes", () => {
    fc.assert(
      fc.property(fc.array(patient, { minLength: 1, maxLength: 25 }), settings, (patients, s) => {
        for (const definition of cohortDefinitions) {
          for (const listed of [
            ...evaluateCohortForSnapshot(definition, patients, s).members,
            ...evaluateCohortForSnapshot(definition, patients, s).excluded
          ]) {
            expect(listed.reasonCodes.map(formatReasonCode)).toEqual(listed.entry.reasons)
            expect(formatReasonCode(listed.bpRuleCode)).toBe(listed.entry.bpRule)
          }
        }
      }),
      { numRuns: 80 }
    )
  })

  test('a whole build lists the same patients with the same reasons as the explained evaluation', () => {
    fc.assert(
      fc.property(fc.array(patient, { minLength: 1, maxLength: 25 }), settings, (patients, s) => {
        for (const definition of cohortDefinitions) {
          const fast = evaluateCohortForSnapshot(definition, patients, s)
          const explained = evaluateCohort(definition, patients, s)
          const view = (entries: { nhsNumber: string; priority: unknown; rule: unknown; reasons: string[]; severe: boolean }[]) =>
            entries.map((e) => [e.nhsNumber, e.priority, e.rule, e.reasons, e.severe])
          expect(view(fast.members.map((m) => m.entry))).toEqual(view(explained.members))
          expect(view(fast.excluded.map((m) => m.entry))).toEqual(view(explained.excluded))
          expect(fast.exclusionCounts).toEqual(explained.exclusionCounts)
          // The explanation's steps agree with the entry: the applied exclusion is a "fail" step.
          for (const e of explained.excluded) expect(e.explanation.steps.find((st) => st.rule === e.rule)?.outcome).toBe('fail')
          for (const e of explained.members) expect(e.explanation.steps.filter((st) => st.outcome === 'fail')).toEqual([])
        }
      }),
      { numRuns: 120 }
    )
  })

  test('facts remembered on a record for one as-of date are not reused for another', () => {
    const p: PatientRecord = {
      patientId: 1,
      nhsNumber: '9000000001',
      title: null,
      givenName: 'A',
      familyName: 'B',
      dateOfBirth: '1950-01-01',
      sex: 'F',
      ethnicityText: null,
      ethnicityCategory: null,
      registrationStatus: null,
      imdDecile: null,
      readings: [{ date: '2025-06-01', systolic: 160, diastolic: 95, setting: 'clinic' }],
      events: [
        { date: '2020-01-01', concept: 'HYP', code: '', term: '' },
        { date: '2026-01-01', concept: 'HYPRES', code: '', term: '' }
      ],
      nextBookedAppointmentOn: null,
      lastInvitedOn: null
    }
    const definition = cohortDefinitions.find((d) => d.id === 'uncontrolled-hypertension')!
    expect(evaluateCohort(definition, [p], { asOf: '2025-12-01', mode: 'qof' }).members).toHaveLength(1)
    // Resolved by 2026-03-31; the reading is also 10 months old but still in the window.
    expect(evaluateCohort(definition, [p], { asOf: '2026-03-31', mode: 'qof' }).members).toHaveLength(0)
    expect(evaluateCohort(definition, [p], { asOf: '2025-12-01', mode: 'qof' }).members).toHaveLength(1)
    // A 6-month look-back is another window: the June reading is outside it on 2025-12-01.
    expect(evaluateCohort(definition, [p], { asOf: '2025-12-01', mode: 'qof', params: { lookbackMonths: 6 } }).members).toHaveLength(0)
  })
})
