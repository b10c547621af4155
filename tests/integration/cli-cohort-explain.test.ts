// `cohort build … --json`: members with priority and reasons for all
// four built-in definitions, each with the BP rule in words; `--explain` adds each listed patient's
// full "why" — readings considered, the one chosen and why, the target applied (mode, age, clinic
// or home), the priority rule that matched and every exclusion checked — without changing the
// documented keys.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCliJson } from '../support/run-cli'
import { generateSyntheticEmisExport } from '../../src/main/demo/synthetic-export'

let folder = ''
let db = ''

const json = (...argv: string[]) => runCliJson(['--db', db, ...argv])

type Entry = Record<string, unknown> & { explanation?: Record<string, unknown> }

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'clinic-recall-cli-explain-'))
  db = join(folder, 'practice.sqlite')
  const file = join(folder, 'practice.csv')
  writeFileSync(file, generateSyntheticEmisExport({ patients: 600, seed: 7, asOf: '2026-11-01' }).csv)
  await json('import', file)
})
afterAll(() => rmSync(folder, { recursive: true, force: true }))

describe('cohort build --json reasons', () => {
  it.each(['uncontrolled-hypertension', 'hypertension-black-african-caribbean', 'time-to-talk', 'no-recent-bp'])(
    '%s: members with priority, reasons and the BP rule; --explain adds the whole why',
    async (definition) => {
      const plain = await json('cohort', 'build', definition, '--as-of', '2026-11-01', '--mode', 'qof')
      const members = plain.members as Entry[]
      expect(members.length, `${definition} has members in the synthetic practice`).toBeGreaterThan(0)
      for (const key of ['cohortId', 'definition', 'asOf', 'mode', 'members', 'excluded']) expect(plain).toHaveProperty(key)
      for (const m of members) {
        expect(Object.keys(m)).toEqual(expect.arrayContaining(['nhsNumber', 'priority', 'reasons', 'bpRule']))
        expect((m.reasons as string[]).length).toBeGreaterThan(0)
        expect(m).not.toHaveProperty('explanation')
      }

      const explained = await json('cohort', 'build', definition, '--as-of', '2026-11-01', '--mode', 'qof', '--explain')
      const same = (list: unknown) => (list as Entry[]).map((e) => [e.nhsNumber, e.priority ?? e.rule, e.reasons])
      // Same cohort, same reasons: --explain only adds.
      expect(same(explained.members)).toEqual(same(plain.members))
      expect(same(explained.excluded)).toEqual(same(plain.excluded))
      for (const entry of [...(explained.members as Entry[]), ...(explained.excluded as Entry[])]) {
        const why = entry.explanation
        expect(why, String(entry.nhsNumber)).toBeDefined()
        expect(Object.keys(why ?? {})).toEqual(
          expect.arrayContaining(['readingsConsidered', 'bpRule', 'target', 'priorityRule', 'criteria', 'exclusionsChecked', 'steps'])
        )
        expect(why?.bpRule).toBe(entry.bpRule)
        // Every exclusion of the definition is listed as checked, whatever its outcome.
        const checked = why?.exclusionsChecked as { rule: string; outcome: string }[]
        expect(checked.length).toBeGreaterThan(0)
        for (const c of checked) expect(['applies', 'does not apply', 'not applied']).toContain(c.outcome)
        if (entry.rule) expect(checked.find((c) => c.rule === entry.rule)?.outcome).toBe('applies')
        const readings = why?.readingsConsidered as { used: string }[]
        if (entry.bp) {
          // The chosen reading is marked, and the target names mode and setting.
          expect(readings.some((r) => r.used !== 'none')).toBe(true)
          expect(String((why?.target as { label: string } | null)?.label ?? '')).toMatch(/QOF HYP00[89]: (clinic|home\/ambulatory)/)
        }
        if (entry.priority) expect(String(why?.priorityRule)).toMatch(new RegExp(`^${String(entry.priority)}`))
      }
    }
  )
})
