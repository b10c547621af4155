// Snapshots store each listed patient's reasons and BP rule as codes — the rule id and the few
// values its words need — and word them when read (cohort-reason-codes.ts). The words read back
// must be the words the build produced: checked here over a varied population (every rule's
// reason, every priority, several readings a day, mixed settings, each exclusion, severe excluded,
// a custom cohort whose criteria have no codes) in all four built-in cohorts and both modes,
// through cohorts.get, cohorts.explain and cohorts.compare.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { compareCohorts } from '../../src/main/cohorts/cohort-comparison'
import { explainCohortEntry } from '../../src/main/cohorts/cohort-explanation'
import { buildCohort } from '../../src/main/cohorts/cohort-service'
import { getCohort } from '../../src/main/cohorts/cohort-snapshots'
import { saveCustomDefinition } from '../../src/main/cohorts/definition-catalog'
import { cohortDefinitions } from '../../src/shared/domain/cohort-definitions'
import { createTestContext, type TestContext } from '../support/test-context'

let ctx: TestContext

beforeEach(() => {
  ctx = createTestContext()
})
afterEach(() => ctx.cleanup())

/** A small deterministic generator (mulberry32), so a failure names the same population every run. */
function generator(seed: number) {
  let a = seed
  const next = () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    between: (low: number, high: number) => low + Math.floor(next() * (high - low + 1))
  }
}

const AS_OF = '2026-11-01'
const dates = ['2026-10-30', '2026-09-15', '2026-06-01', '2026-02-10', '2025-12-01', '2025-10-15', '2025-03-03']
const eventDates = ['2026-10-01', '2026-07-01', '2026-03-15', '2025-06-01', '2015-01-01']

function seedPopulation(size: number): void {
  const random = generator(20261101)
  const patient = ctx.db.prepare(
    `INSERT INTO patients (nhs_number, given_name, family_name, date_of_birth, sex, ethnicity_category, ethnicity_text, registration_status, created_at, updated_at)
     VALUES (?, 'Pat', ?, ?, ?, ?, ?, ?, '2026-10-01T09:00:00Z', '2026-10-01T09:00:00Z')`
  )
  const reading = ctx.db.prepare(
    `INSERT INTO bp_readings (patient_id, taken_on, systolic, diastolic, setting, source, recorded_at) VALUES (?, ?, ?, ?, ?, 'import', 'x')`
  )
  const event = ctx.db.prepare(`INSERT INTO coded_events (patient_id, event_date, concept, code, term, recorded_at) VALUES (?, ?, ?, '', ?, 'x')`)
  const clinic = Number(
    ctx.db
      .prepare(
        `INSERT INTO clinics (type, date, start_time, slot_minutes, slots, created_at, created_by) VALUES ('BP review', '2026-11-20', '09:00', 15, 400, 'x', 'Test')`
      )
      .run().lastInsertRowid
  )
  let slot = 0
  for (let i = 0; i < size; i++) {
    const dob = `${random.between(1925, 2010)}-${String(random.between(1, 12)).padStart(2, '0')}-${String(random.between(1, 28)).padStart(2, '0')}`
    const category = random.pick([null, 'A', 'M', 'N', 'P', 'D', 'E', 'H', 'J'])
    const status = random.chance(0.05) ? random.pick(['Deceased', 'Left']) : random.chance(0.1) ? null : 'Regular'
    const id = Number(
      patient.run(
        String(9000000000 + i),
        `FAMILY${i}`,
        random.chance(0.03) ? null : dob,
        random.pick(['F', 'M']),
        category,
        category ? null : random.pick([null, 'Other']),
        status
      ).lastInsertRowid
    )
    if (random.chance(0.8)) event.run(id, random.chance(0.1) ? null : random.pick(eventDates), 'HYP', 'Hypertension')
    for (const concept of ['DM', 'CKD', 'CHD', 'STIA', 'PAD', 'AF', 'AST', 'COPD', 'DEP', 'MH', 'LD'] as const) {
      if (random.chance(0.15)) event.run(id, random.pick(eventDates), concept, concept)
    }
    for (const concept of ['BPDEC', 'HTMAX', 'HYPPCADEC', 'HYPPCAPU', 'REGISTERED', 'HYPINVITE'] as const) {
      if (random.chance(0.05)) event.run(id, random.pick(eventDates), concept, random.pick(['', 'Invitation letter']))
    }
    if (random.chance(0.03)) event.run(id, random.chance(0.5) ? null : random.pick(eventDates), 'PALCARE', 'Palliative care')
    const readings = random.chance(0.15) ? 0 : random.between(1, 4)
    const day = random.pick(dates)
    for (let r = 0; r < readings; r++) {
      // Often on the same day (the lowest of the day; clinic over home), sometimes severe.
      const date = random.chance(0.6) ? day : random.pick(dates)
      const severe = random.chance(0.08)
      reading.run(
        id,
        date,
        severe ? random.between(170, 200) : random.between(115, 178),
        severe ? random.between(100, 125) : random.between(70, 108),
        random.pick(['clinic', 'clinic', 'home', 'ambulatory'])
      )
    }
    if (random.chance(0.04)) {
      ctx.db
        .prepare(`INSERT INTO appointments (clinic_id, slot_index, patient_id, status, booked_at, booked_by) VALUES (?, ?, ?, 'booked', 'x', 'Test')`)
        .run(clinic, slot++, id)
    }
    if (random.chance(0.03)) {
      ctx.db.prepare(`INSERT INTO contact_preferences (patient_id, no_contact, updated_at, updated_by) VALUES (?, 1, 'x', 'Test')`).run(id)
    }
  }
}

describe('reasons stored as codes, worded when read', () => {
  it('gives exactly the words the build produced, for every listed patient of every cohort in both modes', () => {
    seedPopulation(600)
    const custom = saveCustomDefinition(ctx, {
      name: 'Diabetes or CKD',
      description: 'Patients with diabetes or CKD',
      criteria: [{ kind: 'condition', conditions: ['DM', 'CKD'], match: 'any' }],
      exclusions: ['exclude.deceased-or-left', 'exclude.no-contact-permitted']
    })
    const definitions = [...cohortDefinitions.map((d) => d.id), custom.id]
    const kinds = new Set<string>()
    let listed = 0
    for (const definition of definitions) {
      for (const mode of ['qof', 'nice'] as const) {
        const built = buildCohort(ctx, { definition, asOf: AS_OF, mode })
        const read = getCohort(ctx, built.cohortId)
        expect(read.members).toEqual(built.members)
        expect(read.excluded).toEqual(built.excluded)
        listed += built.members.length + built.excluded.length
        for (const entry of [...built.members, ...built.excluded]) for (const reason of entry.reasons) kinds.add(reason.replace(/[\d/-]+/g, '#').slice(0, 24))
        // The snapshot stores no sentences: only values and index arrays.
        const stored = ctx.db
          .prepare(
            `SELECT c.reason_values_json || group_concat(e.reason_codes || e.bp_rule_code) AS codes FROM cohorts c JOIN cohort_entries e ON e.cohort_id = c.id WHERE c.id = ?`
          )
          .pluck()
          .get(built.cohortId) as string | null
        if (definition !== custom.id && stored !== null) expect(stored).not.toMatch(/above target|Latest reading|On hypertension register|Excluded:/)
        // cohorts.explain gives the stored entry's words too.
        const someone = built.excluded[0] ?? built.members[0]
        if (someone)
          expect(explainCohortEntry(ctx, built.cohortId, someone.patientId).entry).toMatchObject({ reasons: someone.reasons, bpRule: someone.bpRule })
      }
    }
    // The population is varied enough to matter: many patients and many kinds of reason.
    expect(listed).toBeGreaterThan(1000)
    for (const start of [
      'Age #',
      'On hypertension register',
      'BP #',
      'P# severe',
      'P# stage #',
      'P# higher risk',
      'P#: above target',
      'Excluded: BP declined',
      'Excluded: registration',
      'Excluded: booked',
      'Excluded: no contact',
      'Severe reading',
      'Ethnicity ',
      'No BP in #',
      'Conditions: '
    ]) {
      expect(
        [...kinds].some((k) => k.startsWith(start)),
        start
      ).toBe(true)
    }
    // Same-day and mixed-setting BP rules are among those read back.
    const all = getCohort(ctx, 1)
    expect(all.members.some((m) => m.bpRule.includes('readings that day'))).toBe(true)
    expect(all.members.some((m) => m.bpRule.includes('readings count over'))).toBe(true)

    // cohorts.compare reads the same words on both sides.
    const comparison = compareCohorts(ctx, 1, 2)
    const qof = getCohort(ctx, 1)
    for (const change of [...comparison.left, ...comparison.joined, ...comparison.priorityChanged].slice(0, 50)) {
      const before = [...qof.members, ...qof.excluded].find((e) => e.patientId === change.patientId)
      if (before) expect(change.from.reasons).toEqual(before.reasons)
    }
  })

  it('still reads snapshots that stored the sentences in a string table', () => {
    seedPopulation(40)
    const built = buildCohort(ctx, { definition: 'uncontrolled-hypertension', asOf: AS_OF, mode: 'qof' })
    expect(built.members.length).toBeGreaterThan(0)
    // Rewrite the stored codes the way migration 0017 converts snapshots stored before reason codes:
    // each sentence once in the cohort's strings, each reason its index there.
    const strings: string[] = []
    const ref = (text: string) => (strings.includes(text) ? strings.indexOf(text) : strings.push(text) - 1)
    const rewrite = ctx.db.prepare('UPDATE cohort_entries SET reason_codes = ?, bp_rule_code = ? WHERE cohort_id = ? AND patient_id = ?')
    for (const entry of [...built.members, ...built.excluded]) {
      rewrite.run(JSON.stringify(entry.reasons.map(ref)), JSON.stringify(ref(entry.bpRule)), built.cohortId, entry.patientId)
    }
    ctx.db.prepare("UPDATE cohorts SET reason_strings_json = ?, reason_values_json = '[]' WHERE id = ?").run(JSON.stringify(strings), built.cohortId)
    const read = getCohort(ctx, built.cohortId)
    expect(read.members).toEqual(built.members)
    expect(read.excluded).toEqual(built.excluded)
  })
})
