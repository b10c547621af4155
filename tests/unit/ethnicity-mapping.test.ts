import { describe, expect, test } from 'vitest'
import { buildEthnicityLibrary, categoryForGrouping16, mapEthnicity } from '../../src/shared/domain/ethnicity-mapping'
import { loadCodeLibrary } from '../../src/main/codelists/load-code-library'

const library = loadCodeLibrary().ethnicity

describe('mapEthnicity', () => {
  test.each([
    ['N', 'N'],
    ['m', 'M'],
    ['N1', 'N'],
    ['Z', 'Z']
  ])('reads the Data Dictionary letter %s', (text, letter) => {
    expect(mapEthnicity(text, library)).toBe(letter)
  })

  test('does not accept a letter that is not a category', () => {
    expect(mapEthnicity('O', library)).toBeNull()
    expect(mapEthnicity('Q', library)).toBeNull()
  })

  test.each([
    ['Black African', 'N'],
    ['African', 'N'],
    ['Caribbean', 'M'],
    ['Black Caribbean', 'M'],
    ['Afro-Caribbean', 'M'],
    ['Black British', 'P'],
    ['White British', 'A'],
    ['Indian', 'H'],
    ['Pakistani', 'J'],
    ['Bangladeshi', 'K'],
    ['Chinese', 'R'],
    ['  black   african ', 'N'],
    ['Black or Black British – African', 'N'],
    ['White and Black Caribbean', 'D'],
    // Common free text for cohort 2 in the shapes exports print it.
    ['Mixed White and Black Caribbean', 'D'],
    ['Mixed - White & Black Caribbean', 'D'],
    ['White & Black African', 'E'],
    ['Black - African', 'N'],
    ['Black: Caribbean', 'M'],
    ['BLACK BRITISH', 'P'],
    ['African Caribbean', 'M'],
    ['West Indian', 'M'],
    ['Nigerian', 'N'],
    ['Somali', 'N'],
    ['Ghanaian', 'N'],
    ['Black, Black British, Caribbean or African: Caribbean', 'M'],
    ['Black, Black British, Caribbean or African: African', 'N'],
    ['Black, Black British, Caribbean or African: Any other Black, Black British, or Caribbean background', 'P'],
    ['Mixed or Multiple ethnic groups: White and Black Caribbean', 'D'],
    ['Other Black', 'P'],
    ['Not stated', 'Z']
  ])('maps free text "%s" to %s', (text, letter) => {
    expect(mapEthnicity(text, library)).toBe(letter)
  })

  test.each([
    ['18167009', 'N'],
    ['185988007', 'M'],
    ['315236000', 'A'],
    ['92731000000108', 'N'],
    ['92711000000100', 'N']
  ])('maps SNOMED code %s via the OpenSAFELY list to %s', (code, letter) => {
    expect(mapEthnicity(code, library)).toBe(letter)
  })

  test('maps a SNOMED term from the OpenSAFELY list', () => {
    expect(mapEthnicity('Black Caribbean &/or W.I. &/or Guyana', library)).toBe('M')
    expect(mapEthnicity('Caribbean - ethnic category 2001 census', library)).toBe('M')
  })

  test.each(['White', 'Mixed', 'Martian', 'Not known', '', '123456789', 'Black', 'Asian', 'Mixed Black', 'BME', '99', 'Jamaican?'])(
    'leaves "%s" unmapped rather than guessing',
    (text) => {
      expect(mapEthnicity(text, library)).toBeNull()
    }
  )
})

describe('Grouping_16 → Data Dictionary letter', () => {
  test('follows the 2001 census order, checked against the list terms', () => {
    expect(categoryForGrouping16(1)).toBe('A')
    expect(categoryForGrouping16(12)).toBe('M')
    expect(categoryForGrouping16(13)).toBe('N')
    expect(categoryForGrouping16(14)).toBe('P')
    expect(categoryForGrouping16(16)).toBe('S')
    expect(categoryForGrouping16(17)).toBeNull()
    expect(categoryForGrouping16(0)).toBeNull()
  })

  test('drops a term that the list files under two different groups', () => {
    const lib = buildEthnicityLibrary([
      { code: '1', term: 'Other', grouping16: 7 },
      { code: '2', term: 'Other', grouping16: 16 },
      { code: '3', term: 'Kenyans', grouping16: 13 }
    ])
    expect(lib.byTerm.has('other')).toBe(false)
    expect(lib.byTerm.get('kenyans')).toBe('N')
    expect(lib.byCode.get('1')).toBe('G')
  })
})

describe('unmapped ethnicity is shown as recorded, never guessed', () => {
  test('an unrecognised value keeps its text and no category; the cohort rule says it was not mapped', async () => {
    const { patientFacts } = await import('../../src/shared/domain/patient-facts')
    const { blackAfricanCaribbean } = await import('../../src/shared/domain/cohort-rules/black-ethnicity')
    const { defaultCohortParameters } = await import('../../src/shared/domain/cohort-parameters')
    const text = 'Black'
    const category = mapEthnicity(text, library)
    expect(category).toBeNull()
    const patient = {
      patientId: 1,
      nhsNumber: '9434765919',
      title: null,
      givenName: 'A',
      familyName: 'B',
      dateOfBirth: '1960-01-01',
      sex: 'F',
      ethnicityText: text,
      ethnicityCategory: category,
      registrationStatus: null,
      imdDecile: null,
      readings: [],
      events: [],
      nextBookedAppointmentOn: null,
      lastInvitedOn: null
    }
    const facts = patientFacts(patient, '2026-11-01', 'qof', defaultCohortParameters)
    expect(blackAfricanCaribbean.test?.(facts)).toBe(false)
    expect(blackAfricanCaribbean.evaluate(facts)).toMatchObject({ met: false, detail: expect.stringContaining('"Black" not mapped to a category') })
  })
})
