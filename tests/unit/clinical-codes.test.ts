import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import Papa from 'papaparse'
import { describe, expect, test } from 'vitest'
import { loadCodeLibrary } from '../../src/main/codelists/load-code-library'
import { bpComponentFromTerm, bpSettingFromTerm, buildCodeLibrary, classifyEvent, codeClusters } from '../../src/shared/domain/clinical-codes'

const library = loadCodeLibrary()
const regressionFolder = join(__dirname, '../fixtures/imports/regression-codelists')

function regressionList(file: string): { code: string; term: string }[] {
  const text = readFileSync(join(regressionFolder, file), 'utf8')
  return Papa.parse<{ code: string; term: string }>(text, { header: true, skipEmptyLines: true }).data
}

describe('classifyEvent by SNOMED code', () => {
  test('loads every QOF cluster from resources/codelists', () => {
    const clusters = new Set([...library.codes.values()].flatMap((e) => e.clusters))
    expect([...clusters].sort()).toEqual([...codeClusters].sort())
    // The NHS Digital refsets for every register, and a starter list only where none could be obtained.
    expect(codeClusters).toEqual(
      expect.arrayContaining([
        'BPDEC_COD',
        'BP_COD',
        'DMRES_COD',
        'DM_COD',
        'HTMAX_COD',
        'HYPINVITE_COD',
        'HYPPCADEC_COD',
        'HYPPCAPU_COD',
        'HYPRES_COD',
        'HYP_COD',
        'CHD_COD',
        'AST_COD'
      ])
    )
  })

  test.each([
    ['59621000', 'HYP'],
    ['38341003', 'HYP'],
    ['162659009', 'HYPRES'],
    ['413123006', 'BPDEC'],
    ['407567007', 'HTMAX'],
    ['716771000000106', 'HYPPCADEC'],
    ['716821000000100', 'HYPPCAPU'],
    ['185719002', 'HYPINVITE'],
    ['44054006', 'DM'],
    ['315051004', 'DMRES']
  ])('code %s is the concept %s, whatever the exported term says', (code, concept) => {
    expect(classifyEvent(library, code, 'local term')).toEqual({ kind: 'concept', concepts: [concept], via: 'code' })
  })

  test('systolic and diastolic come from the BP_COD term', () => {
    expect(classifyEvent(library, '271649006', '')).toMatchObject({ kind: 'bp', component: 'systolic', setting: 'clinic' })
    expect(classifyEvent(library, '271650006', '')).toMatchObject({ kind: 'bp', component: 'diastolic', setting: 'clinic' })
    expect(classifyEvent(library, '163020007', '')).toMatchObject({ kind: 'bp', component: 'both', setting: 'clinic' })
    expect(classifyEvent(library, '251074006', '')).toMatchObject({ kind: 'bp', component: 'mean' })
  })

  test('home and ambulatory readings are told apart by the BP_COD term words', () => {
    expect(classifyEvent(library, '413606001', '')).toMatchObject({ component: 'systolic', setting: 'home' })
    expect(classifyEvent(library, '335661000000109', '')).toMatchObject({ component: 'both', setting: 'home' })
    expect(classifyEvent(library, '198081000000101', '')).toMatchObject({ component: 'systolic', setting: 'ambulatory' })
    expect(classifyEvent(library, '314461008', '')).toMatchObject({ component: 'diastolic', setting: 'ambulatory' })
    expect(classifyEvent(library, '314463006', '')).toMatchObject({ component: 'both', setting: 'ambulatory' })
  })

  test('ABPM average and maximum do not share a pairing key', () => {
    const avg = classifyEvent(library, '314449000', '')
    const max = classifyEvent(library, '314448008', '')
    const avgDia = classifyEvent(library, '314462001', '')
    expect(avg.kind === 'bp' && avgDia.kind === 'bp' && avg.pairingKey === avgDia.pairingKey).toBe(true)
    expect(avg.kind === 'bp' && max.kind === 'bp' && avg.pairingKey !== max.pairingKey).toBe(true)
  })

  test('an ethnicity code is an ethnicity record', () => {
    expect(classifyEvent(library, '18167009', 'Black African')).toEqual({ kind: 'ethnicity', category: 'N', via: 'code' })
  })

  test('an unknown code with an unknown term is unknown, not an error', () => {
    expect(classifyEvent(library, '1234567891', 'Pet owner')).toEqual({ kind: 'unknown' })
  })
})

describe('regression examples: the user-made systolic/diastolic lists', () => {
  test.each(regressionList('opensafely-systolic-blood-pressure-qof.csv'))('$code $term classifies as systolic', ({ code, term }) => {
    expect(classifyEvent(library, code, term)).toMatchObject({ kind: 'bp', component: 'systolic' })
    expect(classifyEvent(library, '', term)).toMatchObject({ kind: 'bp', component: 'systolic' })
  })
  test.each(regressionList('user-milanwiedemann-diastolic-blood-pressure-qof.csv'))('$code $term classifies as diastolic', ({ code, term }) => {
    expect(classifyEvent(library, code, term)).toMatchObject({ kind: 'bp', component: 'diastolic' })
    expect(classifyEvent(library, '', term)).toMatchObject({ kind: 'bp', component: 'diastolic' })
  })
})

describe('classifyEvent by term when the code is absent or unknown', () => {
  test.each([
    ['Systolic blood pressure', { kind: 'bp', component: 'systolic', setting: 'clinic' }],
    ['Diastolic blood pressure', { kind: 'bp', component: 'diastolic', setting: 'clinic' }],
    ['Home systolic blood pressure', { kind: 'bp', component: 'systolic', setting: 'home' }],
    ['O/E - blood pressure reading', { kind: 'bp', component: 'both', setting: 'clinic' }],
    ['Self measured blood pressure reading', { kind: 'bp', component: 'both', setting: 'home' }],
    ['Essential hypertension', { kind: 'concept', concepts: ['HYP'] }],
    ['Hypertension', { kind: 'concept', concepts: ['HYP'] }],
    ['Hypertension resolved', { kind: 'concept', concepts: ['HYPRES'] }],
    ['Diabetes mellitus', { kind: 'concept', concepts: ['DM'] }],
    ['Type 2 diabetes mellitus', { kind: 'concept', concepts: ['DM'] }],
    ['Diabetes resolved', { kind: 'concept', concepts: ['DMRES'] }],
    ['Palliative care', { kind: 'concept', concepts: ['PALCARE'] }],
    ['Blood pressure procedure refused', { kind: 'concept', concepts: ['BPDEC'] }],
    ['Hypertension monitoring first letter', { kind: 'concept', concepts: ['HYPINVITE'] }],
    ['Atrial fibrillation', { kind: 'concept', concepts: ['AF'] }],
    ['Chronic kidney disease stage 3', { kind: 'concept', concepts: ['CKD'] }],
    ['Black African', { kind: 'ethnicity', category: 'N' }]
  ])('"%s"', (term, expected) => {
    expect(classifyEvent(library, '', term)).toMatchObject(expected)
    expect(classifyEvent(library, '999999999', term)).toMatchObject(expected)
  })

  test.each([
    'Family history of hypertension',
    'Pulmonary hypertension',
    'White coat hypertension',
    'Gestational diabetes mellitus',
    'Diabetes insipidus',
    'Pre-diabetes',
    'Hypertension annual review',
    'Body mass index'
  ])('"%s" is not a diagnosis', (term) => {
    const c = classifyEvent(library, '', term)
    expect(c.kind === 'concept' && (c.concepts.includes('HYP') || c.concepts.includes('DM'))).toBe(false)
  })

  test('works from an empty library (terms only)', () => {
    const empty = buildCodeLibrary([])
    expect(classifyEvent(empty, '271649006', 'Systolic blood pressure')).toMatchObject({ kind: 'bp', component: 'systolic', via: 'term' })
  })
})

describe('term words', () => {
  test('setting', () => {
    expect(bpSettingFromTerm('Average day interval systolic blood pressure')).toBe('ambulatory')
    expect(bpSettingFromTerm('24 hour blood pressure')).toBe('ambulatory')
    expect(bpSettingFromTerm('Sitting blood pressure')).toBe('clinic')
  })
  test('component', () => {
    expect(bpComponentFromTerm('Non-invasive mean arterial pressure')).toBe('mean')
    expect(bpComponentFromTerm('Blood pressure')).toBe('both')
  })
})
