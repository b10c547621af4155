// Every QOF register counted for multimorbidity and P3 (long-term-conditions.ts) can be recognised
// from a SNOMED code (resources/codelists), from the exported term, and from a register flag column;
// resolution codes take a patient off the register until a later re-diagnosis (clinical-reference §4.1).
import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { codeListFiles, loadCodeLibrary, readCsvRecords } from '../../src/main/codelists/load-code-library'
import { roleForCaption } from '../../src/main/import/column-roles'
import { resourcesPath } from '../../src/main/resources-path'
import { type ClinicalConcept } from '../../src/shared/domain/clinical-concepts'
import { classifyEvent, clusterConcept, type CodeCluster } from '../../src/shared/domain/clinical-codes'
import { activeLongTermConditions, longTermConditionList } from '../../src/shared/domain/long-term-conditions'
import type { CodedEvent } from '../../src/shared/domain/patient-record'

const library = loadCodeLibrary()
const asOf = '2026-11-01'

// One SNOMED CT code and one exported term per register, and the caption a report might use.
const registers: { concept: ClinicalConcept; code: string; term: string; caption: string }[] = [
  { concept: 'HYP', code: '59621000', term: 'Essential hypertension', caption: 'Hypertension register' },
  { concept: 'DM', code: '44054006', term: 'Type 2 diabetes mellitus', caption: 'Diabetes' },
  { concept: 'CHD', code: '414545008', term: 'Ischaemic heart disease', caption: 'On CHD register' },
  { concept: 'STIA', code: '266257000', term: 'Transient ischaemic attack', caption: 'Stroke / TIA' },
  { concept: 'PAD', code: '399957001', term: 'Peripheral arterial disease', caption: 'PAD register' },
  { concept: 'CKD', code: '433144002', term: 'Chronic kidney disease stage 3', caption: 'CKD' },
  { concept: 'AF', code: '49436004', term: 'Atrial fibrillation', caption: 'Atrial fibrillation register' },
  { concept: 'HF', code: '84114007', term: 'Heart failure', caption: 'Heart failure' },
  { concept: 'AST', code: '195967001', term: 'Asthma', caption: 'Asthma register' },
  { concept: 'COPD', code: '13645005', term: 'Chronic obstructive pulmonary disease', caption: 'COPD' },
  { concept: 'EP', code: '84757009', term: 'Epilepsy', caption: 'Epilepsy register' },
  { concept: 'RA', code: '69896004', term: 'Rheumatoid arthritis', caption: 'Rheumatoid arthritis' },
  { concept: 'CAN', code: '363346000', term: 'Malignant neoplasm of breast', caption: 'Cancer register' },
  { concept: 'DEM', code: '52448006', term: "Alzheimer's disease", caption: 'Dementia register' },
  { concept: 'DEP', code: '35489007', term: 'Moderate depressive episode', caption: 'Depression' },
  { concept: 'MH', code: '58214004', term: 'Schizophrenia', caption: 'SMI register' },
  { concept: 'LD', code: '110359009', term: 'Learning disability', caption: 'Learning disability register' }
]

function event(concept: ClinicalConcept, date: string | null, term = ''): CodedEvent {
  return { date, concept, code: '', term }
}

function active(events: CodedEvent[]): ClinicalConcept[] {
  return activeLongTermConditions(events, asOf).map((c) => c.concept)
}

describe('every counted register has a way in', () => {
  test('the table covers every condition long-term-conditions.ts counts', () => {
    expect(registers.map((r) => r.concept).sort()).toEqual(longTermConditionList.map((c) => c.concept).sort())
  })

  test('every shipped code list loads, with codes that are SNOMED CT ids and a term each', () => {
    for (const [cluster, file] of Object.entries(codeListFiles) as [CodeCluster, string][]) {
      const rows = readCsvRecords(resourcesPath('codelists', file))
      expect(rows.length, file).toBeGreaterThan(0)
      for (const row of rows) {
        expect(row.code, `${file}: ${row.code}`).toMatch(/^\d{6,18}$/)
        expect((row.term ?? '').trim(), `${file}: ${row.code}`).not.toBe('')
        // Each code means one cluster: the library keeps the first list that names it.
        expect(library.codes.get(row.code!)?.cluster, `${file}: ${row.code}`).toBe(cluster)
      }
    }
  })

  test('SOURCES.md records every shipped list', () => {
    const sources = readFileSync(resourcesPath('codelists', 'SOURCES.md'), 'utf8')
    for (const file of Object.values(codeListFiles)) expect(sources, file).toContain(file)
  })

  test.each(registers)('$concept from its SNOMED code $code, whatever the term says', ({ concept, code }) => {
    expect(classifyEvent(library, code, 'practice local wording')).toEqual({ kind: 'concept', concept, via: 'code' })
  })

  test.each(registers)('$concept from the term "$term" when the export has no code', ({ concept, term }) => {
    expect(classifyEvent(library, '', term)).toMatchObject({ kind: 'concept', concept })
  })

  test.each(registers)('$concept from a register flag column "$caption"', ({ concept, caption }) => {
    expect(roleForCaption(caption).role).toBe(`flag.${concept}`)
    // A "Yes" flag is an undated event: the condition counts on any as-of date.
    expect(active([event(concept, null, `${caption} (register flag column)`)])).toContain(concept)
  })

  test('terms that are not a diagnosis are not read as one', () => {
    for (const term of ['Family history of asthma', 'Asthma annual review', 'Dementia screening', 'Suspected cancer', 'Basal cell carcinoma', 'History of epilepsy']) {
      expect(classifyEvent(library, '', term).kind, term).not.toBe('concept')
    }
  })
})

describe('resolution codes (QOF resolved clusters)', () => {
  const resolutions: [ClinicalConcept, ClinicalConcept, string, string][] = [
    ['HYP', 'HYPRES', '162659009', 'Hypertension resolved'],
    ['DM', 'DMRES', '315051004', 'Diabetes resolved'],
    ['AST', 'ASTRES', '162660004', 'Asthma resolved'],
    ['AF', 'AFIBRES', '', 'Atrial fibrillation resolved'],
    ['COPD', 'COPDRES', '', 'COPD resolved'],
    ['DEP', 'DEPRES', '', 'Depression resolved'],
    ['EP', 'EPILRES', '', 'Epilepsy resolved'],
    ['HF', 'HFRES', '', 'Heart failure resolved'],
    ['MH', 'MHREM', '', 'Schizophrenia in remission'],
    ['CKD', 'CKDRES', '', 'Chronic kidney disease stage 2']
  ]

  test.each(resolutions)('%s is resolved by %s (%s "%s")', (concept, resolution, code, term) => {
    expect(classifyEvent(library, code, term)).toMatchObject({ kind: 'concept', concept: resolution })
    expect(longTermConditionList.find((c) => c.concept === concept)?.resolvedBy).toBe(resolution)
    // diagnosed → resolved: off the register; → re-diagnosed: back on.
    expect(active([event(concept, '2020-01-01'), event(resolution, '2022-01-01')])).not.toContain(concept)
    expect(active([event(concept, '2020-01-01'), event(resolution, '2022-01-01'), event(concept, '2024-01-01')])).toContain(concept)
    // A resolution after the as-of date is not known yet.
    expect(active([event(concept, '2020-01-01'), event(resolution, '2026-12-01')])).toContain(concept)
  })

  test('a dated resolution resolves an undated register flag (the flag says "exists", not when)', () => {
    expect(active([event('AST', null), event('ASTRES', '2025-01-01')])).not.toContain('AST')
  })

  test('registers QOF keeps for life are not resolved by anything', () => {
    for (const concept of ['CHD', 'STIA', 'PAD', 'DEM', 'RA', 'CAN'] as const) {
      expect(longTermConditionList.find((c) => c.concept === concept)?.resolvedBy, concept).toBeNull()
    }
  })

  test('every cluster maps to a concept the app reasons about', () => {
    for (const concept of Object.values(clusterConcept)) expect(typeof concept).toBe('string')
  })
})

describe('flag and code side by side', () => {
  test('a patient with a flag for one register and codes for two others has all three', () => {
    const codes = [classifyEvent(library, '49436004', ''), classifyEvent(library, '35489007', '')]
    const events = [event('CHD', null, 'On CHD register (register flag column)')]
    for (const c of codes) if (c.kind === 'concept') events.push(event(c.concept, '2021-05-01'))
    expect(active(events)).toEqual(['CHD', 'AF', 'DEP'])
  })
})
