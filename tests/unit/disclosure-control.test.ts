// Disclosure control for the pseudonymised audit: the primary rule at its boundaries, the grid that
// defeats plain rounding, relations between measures, means, and a solver that cannot be trusted.
import { describe, expect, it } from 'vitest'
import { solveWithHighs } from '../../src/main/documents/highs-solver'
import {
  MEAN_MIN_PATIENTS,
  atLeast,
  primaryCount,
  protectGrid,
  publishedAverage,
  publishedPercent,
  roundToNearestFive,
  sumOf,
  type AggregateGrid,
  type MeasureRelation,
  type PublishedGrid,
  type PublishedRow
} from '../../src/shared/domain/disclosure-control'
import type { IntegerProgramSolver } from '../../src/shared/domain/integer-program'
import { attackTable, type ReaderRow, type ReaderTable } from '../support/disclosure-attacker'

/** The attacker's view of a published grid: every figure as shown. */
function readerView(grid: AggregateGrid, published: PublishedGrid, relations: readonly MeasureRelation[]): ReaderTable {
  const row = (r: PublishedRow): ReaderRow => ({
    label: r.label,
    counts: Object.fromEntries(Object.entries(r.counts).map(([k, v]) => [k, [v]])),
    means: { ...r.means }
  })
  return {
    measures: grid.measures.map((m) => m.key),
    means: (grid.means ?? []).map((m) => ({ key: m.key, over: m.over, perPatient: [m.perPatient.min, m.perPatient.max] as const })),
    relations: relations.map((r) => ({ left: r.left, op: r.relation, right: r.right })),
    whole: row(published.whole),
    dimensions: published.dimensions.map((d) => ({ name: d.name, rows: d.groups.map(row) }))
  }
}

/** The same grid with the primary rule only (no secondary suppression): what plain rounding would publish. */
function plainRounding(grid: AggregateGrid): PublishedGrid {
  const row = (r: AggregateGrid['whole']): PublishedRow => ({
    label: r.label,
    counts: Object.fromEntries(grid.measures.map((m) => [m.key, primaryCount(r.counts[m.key] ?? 0)])),
    means: {}
  })
  return { whole: row(grid.whole), dimensions: grid.dimensions.map((d) => ({ name: d.name, groups: d.groups.map(row) })), secondarySuppressions: 0 }
}

const patients = [{ key: 'patients', label: 'Patients' }]

/** Total 7 (shown as 5), one part of 5 (shown as 5), two parts of 1 (each "<5"). */
const counterexample: AggregateGrid = {
  measures: patients,
  whole: { label: 'All', counts: { patients: 7 } },
  dimensions: [
    {
      name: 'Group',
      groups: [
        { label: 'A', counts: { patients: 5 } },
        { label: 'B', counts: { patients: 1 } },
        { label: 'C', counts: { patients: 1 } }
      ]
    }
  ]
}

const outcomeMeasures = [
  { key: 'followedUp', label: 'Followed up' },
  { key: 'reduced', label: 'Reduced' },
  { key: 'unchanged', label: 'No change' },
  { key: 'increased', label: 'Increased' }
]
/** One row, no breakdown: only the relation followedUp = reduced + unchanged + increased links the figures. */
const outcomeOnly: AggregateGrid = {
  measures: outcomeMeasures,
  whole: { label: 'All', counts: { followedUp: 7, reduced: 5, unchanged: 1, increased: 1 } },
  dimensions: []
}
const outcomeSplit = [sumOf('followedUp', ['reduced', 'unchanged', 'increased'])]

describe('the primary rule', () => {
  it.each([
    [0, 0],
    [1, '<5'],
    [4, '<5'],
    [5, 5],
    [7, 5],
    [8, 10],
    [12, 10],
    [13, 15],
    [102, 100]
  ] as const)('a count of %s is published as %s', (count, shown) => {
    expect(primaryCount(count)).toBe(shown)
  })

  it('rounds to the nearest 5 with no half-way case for a whole count', () => {
    for (let n = 0; n <= 200; n++) expect(Math.abs(roundToNearestFive(n) - n)).toBeLessThanOrEqual(2)
  })

  it('works out percentages from published figures only: none from "<5", withheld or nobody', () => {
    expect(publishedPercent(5, 15)).toBe(33.3)
    expect(publishedPercent(0, 10)).toBe(0)
    expect(publishedPercent('<5', 10)).toBe('withheld')
    expect(publishedPercent(10, 'withheld')).toBe('withheld')
    expect(publishedPercent(0, 0)).toBeNull()
  })

  it(`shows a mean or median only for ${MEAN_MIN_PATIENTS} or more patients`, () => {
    expect(publishedAverage(-12.5, 9)).toBe('withheld')
    expect(publishedAverage(-12.5, 10)).toBe(-12.5)
    expect(publishedAverage(null, 0)).toBeNull()
  })
})

describe('secondary suppression', () => {
  it('plain rounding is defeated: total 5, one part 5, two parts "<5" gives both parts away as 1', async () => {
    const attack = await attackTable(readerView(counterexample, plainRounding(counterexample), []))
    expect(attack.feasible).toBe(true)
    expect(attack.derived).toEqual([
      { row: 'B', measure: 'patients', value: 1 },
      { row: 'C', measure: 'patients', value: 1 }
    ])
  })

  it('withholds a further figure so that neither part can be worked out', async () => {
    const published = await protectGrid(counterexample, [], solveWithHighs)
    expect(published.secondarySuppressions).toBeGreaterThanOrEqual(1)
    const shown = published.dimensions[0]?.groups.map((g) => g.counts.patients)
    expect(shown).toContain('withheld')
    expect(shown?.filter((v) => v === '<5').length).toBeGreaterThanOrEqual(1)
    const attack = await attackTable(readerView(counterexample, published, []))
    expect(attack).toMatchObject({ feasible: true, derived: [] })
  })

  it('uses the relations between measures: followed-up 7 = reduced 5 + two of 1 is protected only because the split is known', async () => {
    expect((await attackTable(readerView(outcomeOnly, plainRounding(outcomeOnly), outcomeSplit))).derived).toHaveLength(2)
    // Unrelated figures give nothing away, so nothing more is withheld…
    expect((await protectGrid(outcomeOnly, [], solveWithHighs)).secondarySuppressions).toBe(0)
    // …but a reader who knows the split could subtract: with the relation, more is withheld and the attack fails.
    const published = await protectGrid(outcomeOnly, outcomeSplit, solveWithHighs)
    expect(published.secondarySuppressions).toBeGreaterThanOrEqual(1)
    expect(await attackTable(readerView(outcomeOnly, published, outcomeSplit))).toMatchObject({ feasible: true, derived: [] })
  })

  it('keeps ≥ relations among the published numbers (rounding never turns invited ≥ booked around)', async () => {
    const grid: AggregateGrid = {
      measures: [
        { key: 'invited', label: 'Invited' },
        { key: 'booked', label: 'Booked' }
      ],
      whole: { label: 'All', counts: { invited: 23, booked: 22 } },
      dimensions: [
        {
          name: 'Sex',
          groups: [
            { label: 'Female', counts: { invited: 12, booked: 12 } },
            { label: 'Male', counts: { invited: 8, booked: 7 } },
            { label: 'Unknown', counts: { invited: 3, booked: 3 } }
          ]
        }
      ]
    }
    const relations = [atLeast('invited', 'booked')]
    const published = await protectGrid(grid, relations, solveWithHighs)
    for (const row of [published.whole, ...published.dimensions.flatMap((d) => d.groups)]) {
      const { invited, booked } = row.counts
      if (typeof invited === 'number' && typeof booked === 'number') expect(invited).toBeGreaterThanOrEqual(booked)
    }
    expect(await attackTable(readerView(grid, published, relations))).toMatchObject({ feasible: true, derived: [] })
  })

  it('refuses figures that break a relation it was told holds, or groups that do not add up', async () => {
    const broken: AggregateGrid = { ...outcomeOnly, whole: { label: 'All', counts: { followedUp: 7, reduced: 5, unchanged: 1, increased: 0 } } }
    await expect(protectGrid(broken, outcomeSplit, solveWithHighs)).rejects.toThrow(/breaks followedUp = reduced \+ unchanged \+ increased/)
    const notAPartition: AggregateGrid = { ...counterexample, whole: { label: 'All', counts: { patients: 8 } } }
    await expect(protectGrid(notAPartition, [], solveWithHighs)).rejects.toThrow(/do not add up/)
  })

  it('does not trust the solver: one that never answers, or answers wrongly, only makes it withhold more, never less', async () => {
    const silent: IntegerProgramSolver = async () => ({ status: 'unknown', values: null })
    // A "solution" breaking the bounds is ignored; a false "no solution" is taken as "could be worked out".
    const lying: IntegerProgramSolver = async (program) => ({ status: 'solved', values: program.variables.map(() => 3) })
    const hopeless: IntegerProgramSolver = async () => ({ status: 'infeasible', values: null })
    for (const solver of [silent, lying, hopeless]) {
      const published = await protectGrid(counterexample, [], solver)
      expect(await attackTable(readerView(counterexample, published, []))).toMatchObject({ feasible: true, derived: [] })
      const withRelations = await protectGrid(outcomeOnly, outcomeSplit, solver)
      expect(await attackTable(readerView(outcomeOnly, withRelations, outcomeSplit))).toMatchObject({ feasible: true, derived: [] })
    }
  })
  it('stops asking after its question budget and ends over-withheld, never unprotected', async () => {
    let asked = 0
    const counting: IntegerProgramSolver = (program, objective, how) => {
      asked++
      return solveWithHighs(program, objective, how)
    }
    const published = await protectGrid(counterexample, [], counting, { maxQuestions: 1 })
    expect(asked).toBe(1)
    expect(await attackTable(readerView(counterexample, published, []))).toMatchObject({ feasible: true, derived: [] })
  })
})

describe('means', () => {
  const change = [{ key: 'change', label: 'Mean change', over: 'patients', perPatient: { min: -100, max: 100 } }]

  it('publishes a mean for 10 or more patients only, and a grid with means is still protected', async () => {
    const grid: AggregateGrid = {
      measures: patients,
      means: change,
      whole: { label: 'All', counts: { patients: 23 }, sums: { change: -190 } },
      dimensions: [
        {
          name: 'Group',
          groups: [
            { label: 'A', counts: { patients: 12 }, sums: { change: -120 } },
            { label: 'B', counts: { patients: 9 }, sums: { change: -60 } },
            { label: 'C', counts: { patients: 2 }, sums: { change: -10 } }
          ]
        }
      ]
    }
    const published = await protectGrid(grid, [], solveWithHighs)
    expect(published.whole.means.change).toBe(-8.3)
    expect(published.dimensions[0]?.groups.map((g) => g.means.change)).toEqual([-10, 'withheld', 'withheld'])
    expect(await attackTable(readerView(grid, published, []))).toMatchObject({ feasible: true, derived: [] })
  })

  it('refuses a sum outside the per-patient range', async () => {
    const grid: AggregateGrid = { measures: patients, means: change, whole: { label: 'All', counts: { patients: 1 }, sums: { change: 500 } }, dimensions: [] }
    await expect(protectGrid(grid, [], solveWithHighs)).rejects.toThrow(/per-patient range/)
  })
})
