// Every QOF register counted for multimorbidity and P3 (long-term-conditions.ts) can be recognised
// from a SNOMED code in its NHS Digital refset (resources/codelists), from the exported term, and
// from a register flag column; resolved codes take a patient off the register until a later
// re-diagnosis, and remission never takes anyone off the SMI register.
import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { codeListFiles, readCsvRecords } from '../../src/main/codelists/load-code-library'
import { roleForCaption } from '../../src/main/import/map/column-roles'
import { resourcesPath } from '../../src/main/resources-path'
import { type ClinicalConcept } from '../../src/shared/domain/clinical-concepts'
import { classifyEvent, clusterConcept, starterClusters, type CodeCluster } from '../../src/shared/domain/clinical-codes'
import { activeLongTermConditions, longTermConditionList } from '../../src/shared/domain/long-term-conditions'
import type { CodedEvent } from '../../src/shared/domain/patient-record'
import { registerRule, registerStatus } from '../../src/shared/domain/qof-registers'
import { codedRow, codedRows, shippedLibrary as library } from '../support/coded-rows'

const asOf = '2026-11-01'

// One SNOMED CT code from each register's refset, a term as a practice might export it without its
// code (British spellings: the refsets spell "ischemic"), and the caption a report might use.
const registers: { concept: ClinicalConcept; code: string; term: string; caption: string }[] = [
  { concept: 'HYP', code: '59621000', term: 'Essential hypertension', caption: 'Hypertension register' },
  { concept: 'DM', code: '44054006', term: 'Diabetes mellitus type 2', caption: 'Diabetes' },
  { concept: 'CHD', code: '414545008', term: 'Ischaemic heart disease', caption: 'On CHD register' },
  { concept: 'STIA', code: '266257000', term: 'Transient ischaemic attack', caption: 'Stroke / TIA' },
  { concept: 'PAD', code: '399957001', term: 'Peripheral arterial occlusive disease', caption: 'PAD register' },
  { concept: 'CKD', code: '433144002', term: 'Chronic kidney disease stage 3', caption: 'CKD' },
  { concept: 'AF', code: '49436004', term: 'Atrial fibrillation', caption: 'Atrial fibrillation register' },
  { concept: 'HF', code: '84114007', term: 'Heart failure', caption: 'Heart failure' },
  { concept: 'AST', code: '195967001', term: 'Asthma', caption: 'Asthma register' },
  { concept: 'COPD', code: '13645005', term: 'Chronic obstructive pulmonary disease', caption: 'COPD' },
  { concept: 'EP', code: '84757009', term: 'Epilepsy', caption: 'Epilepsy register' },
  { concept: 'RA', code: '69896004', term: 'Rheumatoid arthritis', caption: 'Rheumatoid arthritis' },
  { concept: 'CAN', code: '254837009', term: 'Malignant neoplasm of breast', caption: 'Cancer register' },
  { concept: 'OST', code: '64859006', term: 'Osteoporosis', caption: 'Osteoporosis register' },
  { concept: 'NDH', code: '700449008', term: 'Non-diabetic hyperglycaemia', caption: 'NDH register' },
  { concept: 'OBESE', code: '162864005', term: 'Body mass index 30+ - obesity', caption: 'Obesity register' },
  { concept: 'DEM', code: '52448006', term: 'Dementia', caption: 'Dementia register' },
  { concept: 'DEP', code: '35489007', term: 'Depressive disorder', caption: 'Depression' },
  { concept: 'MH', code: '58214004', term: 'Schizophrenia', caption: 'SMI register' },
  { concept: 'LD', code: '110359009', term: 'Intellectual disability', caption: 'Learning disability register' }
]

function flagEvent(concept: ClinicalConcept, caption: string): CodedEvent {
  return { date: null, concept, code: '', term: `${caption} (register flag column)`, matchedBy: 'flag' }
}

function active(events: CodedEvent[], dateOfBirth: string | null = '1960-06-15'): ClinicalConcept[] {
  return activeLongTermConditions(events, asOf, dateOfBirth).map((c) => c.concept)
}

describe('the shipped code lists', () => {
  test('every shipped list loads, with SNOMED CT ids and a term on every row, and each row is in its cluster', () => {
    for (const [cluster, file] of Object.entries(codeListFiles) as [CodeCluster, string][]) {
      const rows = readCsvRecords(resourcesPath('codelists', file))
      expect(rows.length, file).toBeGreaterThan(0)
      for (const row of rows) {
        expect(row.code, `${file}: ${row.code}`).toMatch(/^\d{6,18}$/)
        expect((row.term ?? '').trim(), `${file}: ${row.code}`).not.toBe('')
        // A code may be in several lists (a hypertensive CKD code is in HYP_COD and CKD_COD): it keeps every one.
        expect(library.codes.get(row.code!)?.clusters, `${file}: ${row.code}`).toContain(cluster)
      }
    }
  })

  test('a code listed in two refsets keeps both clusters, in the order the lists are read', () => {
    expect(library.codes.get('140121000119100')?.clusters).toEqual(['HYP_COD', 'CKD_COD'])
    expect(library.codes.get('399211009')?.clusters).toEqual(['CHD_COD'])
  })

  test('the registers with no NHS Digital refset are exactly the starter lists, and their files say so', () => {
    const starterFiles = (Object.entries(codeListFiles) as [CodeCluster, string][]).filter(([, file]) => file.startsWith('starter-')).map(([c]) => c)
    expect([...starterFiles].sort()).toEqual([...starterClusters].sort())
    expect(registerRule('CAN').starterList).toBe(true)
    expect(registerRule('CHD').starterList).toBe(false)
  })

  test('SOURCES.md records every shipped list', () => {
    const sources = readFileSync(resourcesPath('codelists', 'SOURCES.md'), 'utf8')
    for (const file of Object.values(codeListFiles)) expect(sources, file).toContain(file)
  })

  test('every cluster maps to a concept the app reasons about', () => {
    for (const [cluster, concept] of Object.entries(clusterConcept)) expect(concept, cluster).toMatch(/^[A-Z0-9]+$/)
  })
})

describe('every counted register has a way in', () => {
  test('the table covers every condition long-term-conditions.ts counts', () => {
    expect(registers.map((r) => r.concept).sort()).toEqual(longTermConditionList.map((c) => c.concept).sort())
  })

  test.each(registers)('$concept from its SNOMED code $code, whatever the term says', ({ concept, code }) => {
    expect(classifyEvent(library, code, 'practice local wording')).toEqual({ kind: 'concept', concepts: [concept], via: 'code' })
  })

  test.each(registers)('$concept from the term "$term" when the export has no code, marked as a term match', ({ concept, term }) => {
    expect(classifyEvent(library, '', term)).toEqual({ kind: 'concept', concepts: [concept], via: 'term' })
  })

  test.each(registers)('$concept from a local code the lists do not hold, by its term "$term"', ({ concept, term }) => {
    expect(classifyEvent(library, 'EMISNQ123', term)).toEqual({ kind: 'concept', concepts: [concept], via: 'term' })
  })

  test.each(registers)('$concept has a register flag column: "$caption"', ({ concept, caption }) => {
    expect(roleForCaption(caption).role).toBe(`flag.${concept}`)
  })

  test.each(registers)('$concept counts from a "Yes" in its flag column (an undated event, true on any as-of date)', ({ concept, caption }) => {
    expect(active([flagEvent(concept, caption)])).toContain(concept)
  })

  test.each(registers.filter((r) => r.concept !== 'OBESE'))('$concept counts from its code on a dated row', ({ concept, code, term }) => {
    expect(active(codedRow(code, term, '2021-05-01'))).toEqual([concept])
  })

  test('terms that are not a diagnosis are not read as one', () => {
    for (const term of [
      'Family history of asthma',
      'Asthma annual review',
      'Dementia screening',
      'Suspected cancer',
      'Basal cell carcinoma',
      'History of epilepsy'
    ]) {
      expect(classifyEvent(library, '', term).kind, term).not.toBe('concept')
    }
  })
})

describe('resolution codes (QOF resolved clusters)', () => {
  // [register, resolving concept, code in the resolved refset (or starter list), its term]
  const resolutions: [ClinicalConcept & Parameters<typeof registerRule>[0], ClinicalConcept, string, string][] = [
    ['HYP', 'HYPRES', '162659009', 'Hypertension resolved'],
    ['DM', 'DMRES', '315051004', 'Diabetes resolved'],
    ['AST', 'ASTRES', '162660004', 'Asthma resolved'],
    ['AF', 'AFIBRES', '196371000000102', 'Atrial fibrillation resolved'],
    ['COPD', 'COPDRES', '941201000000103', 'Chronic obstructive pulmonary disease resolved'],
    ['DEP', 'DEPRES', '196381000000100', 'Depression resolved'],
    ['EP', 'EPILRES', '162658001', 'Epilepsy resolved'],
    ['HF', 'HFRES', '521691000000100', 'Heart failure resolved'],
    ['CKD', 'CKDRES', '939211000000104', 'Chronic kidney disease resolved'],
    ['CKD', 'CKD12', '431856006', 'Chronic kidney disease stage 2']
  ]
  const diagnosisOf = (concept: ClinicalConcept) => registers.find((r) => r.concept === concept)!

  test.each(resolutions)('%s is resolved by %s (%s "%s"), by code and by term', (concept, resolution, code, term) => {
    expect(classifyEvent(library, code, 'local wording')).toEqual({ kind: 'concept', concepts: [resolution], via: 'code' })
    expect(classifyEvent(library, '', term)).toEqual({ kind: 'concept', concepts: [resolution], via: 'term' })
    expect(registerRule(concept).resolvedBy).toContain(resolution)
    const dx = diagnosisOf(concept)
    const diagnosed = (date: string) => codedRow(dx.code, dx.term, date)
    const resolved = (date: string) => codedRow(code, term, date)
    // diagnosed → resolved: off the register; → re-diagnosed: back on.
    expect(active([...diagnosed('2020-01-01'), ...resolved('2022-01-01')])).not.toContain(concept)
    expect(active([...diagnosed('2020-01-01'), ...resolved('2022-01-01'), ...diagnosed('2024-01-01')])).toContain(concept)
    // A resolution on the diagnosis day resolves it.
    expect(active([...diagnosed('2020-01-01'), ...resolved('2020-01-01')])).not.toContain(concept)
    // A resolution before the diagnosis does not.
    expect(active([...resolved('2019-01-01'), ...diagnosed('2020-01-01')])).toContain(concept)
    // A resolution after the as-of date is not known yet.
    expect(active([...diagnosed('2020-01-01'), ...resolved('2026-12-01')])).toContain(concept)
  })

  test('a dated resolution resolves an undated register flag (the flag says "exists", not when)', () => {
    expect(active([flagEvent('AST', 'Asthma register'), ...codedRow('162660004', 'Asthma resolved', '2025-01-01')])).not.toContain('AST')
  })

  test('registers QOF keeps for life are not resolved by anything, and SMI is one of them', () => {
    for (const concept of ['CHD', 'STIA', 'PAD', 'DEM', 'RA', 'CAN', 'MH'] as const) {
      expect(registerRule(concept).resolvedBy, concept).toEqual([])
      expect(longTermConditionList.find((c) => c.concept === concept)?.resolvedBy, concept).toBeNull()
    }
  })

  test('remission never takes a patient off the SMI register: a remission code after schizophrenia keeps them on', () => {
    const events = codedRows(['58214004', 'Schizophrenia', '2012-03-01'], ['191565008', 'Latent schizophrenia in remission', '2020-06-01'])
    expect(events.map((e) => e.concept).sort()).toEqual(['MH', 'MH', 'MHREM'])
    expect(registerStatus('MH', events, asOf, '1970-01-01')).toMatchObject({ active: true, outcome: 'on-register' })
    expect(active(events)).toEqual(['MH'])
  })
})

describe('flag and code side by side', () => {
  test('a patient with a flag for one register and codes for two others has all three', () => {
    const events = [flagEvent('CHD', 'On CHD register'), ...codedRow('49436004', '', '2021-05-01'), ...codedRow('35489007', '', '2021-05-01')]
    expect(active(events)).toEqual(['CHD', 'AF', 'DEP'])
  })
})
