// Narrowing the Cohorts members list: each filter keeps exactly the patients it names, a patient
// without a BP never passes a systolic floor, and a mistyped systolic is told, not guessed.
import { describe, expect, it } from 'vitest'
import type { CohortEntryT } from '../../src/shared/contract'
import { filterMembers, noFilter, parseSystolicAbove, reasonsSummary } from '../../src/renderer/src/screens/cohorts/member-filter'

function entry(patientId: number, fields: Partial<CohortEntryT>): CohortEntryT {
  return {
    patientId,
    nhsNumber: String(9000000000 + patientId),
    name: `Patient ${patientId}`,
    age: 50,
    sex: null,
    ethnicity: null,
    priority: null,
    bp: null,
    rule: null,
    reasons: [],
    severe: false,
    bpRule: '',
    ...fields
  }
}

const bp = (systolic: number) => ({ systolic, diastolic: 90, date: '2026-10-01', setting: 'clinic' }) as NonNullable<CohortEntryT['bp']>

const entries = [
  entry(1, { priority: 'P1', ethnicity: 'N', age: 35, bp: bp(182) }),
  entry(2, { priority: 'P3', ethnicity: 'M', age: 64, bp: bp(150) }),
  entry(3, { priority: null, ethnicity: null, age: null, bp: null }),
  entry(4, { priority: 'P3', ethnicity: 'N', age: 80, bp: bp(160) })
]
const ids = (list: CohortEntryT[]) => list.map((item) => item.patientId)

describe('filterMembers', () => {
  it('keeps everyone with no filter', () => {
    expect(ids(filterMembers(entries, noFilter))).toEqual([1, 2, 3, 4])
  })
  it('filters by priority, including "no priority"', () => {
    expect(ids(filterMembers(entries, { ...noFilter, priority: 'P3' }))).toEqual([2, 4])
    expect(ids(filterMembers(entries, { ...noFilter, priority: 'none' }))).toEqual([3])
  })
  it('filters by ethnicity, with "" meaning not recorded', () => {
    expect(ids(filterMembers(entries, { ...noFilter, ethnicity: 'N' }))).toEqual([1, 4])
    expect(ids(filterMembers(entries, { ...noFilter, ethnicity: '' }))).toEqual([3])
  })
  it('filters by age band at its edges, and by unknown age', () => {
    expect(ids(filterMembers(entries, { ...noFilter, ageBand: '60-79' }))).toEqual([2])
    expect(ids(filterMembers(entries, { ...noFilter, ageBand: '80-plus' }))).toEqual([4])
    expect(ids(filterMembers(entries, { ...noFilter, ageBand: 'unknown' }))).toEqual([3])
  })
  it('keeps only systolic strictly above the floor; no BP never passes', () => {
    expect(ids(filterMembers(entries, { ...noFilter, systolicAbove: 160 }))).toEqual([1])
    expect(ids(filterMembers(entries, { ...noFilter, systolicAbove: 149 }))).toEqual([1, 2, 4])
  })
  it('combines filters', () => {
    expect(ids(filterMembers(entries, { ...noFilter, priority: 'P3', systolicAbove: 155 }))).toEqual([4])
  })
})

describe('parseSystolicAbove', () => {
  it('reads blank as no floor and a whole number as the floor', () => {
    expect(parseSystolicAbove('  ')).toEqual({ value: null })
    expect(parseSystolicAbove('160')).toEqual({ value: 160 })
  })
  it('tells a value it cannot use', () => {
    expect(parseSystolicAbove('16o')).toHaveProperty('error')
    expect(parseSystolicAbove('1600')).toHaveProperty('error')
    expect(parseSystolicAbove('-5')).toHaveProperty('error')
  })
})

describe('reasonsSummary', () => {
  it('is the last reason, or a dash when there is none', () => {
    expect(reasonsSummary(['Hypertension on the register', 'P2: 170/100'])).toBe('P2: 170/100')
    expect(reasonsSummary([])).toBe('—')
  })
})
