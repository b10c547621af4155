// Disclosure control for aggregate figures shared outside the practice (the pseudonymised audit).
//
// The rule: counts of 1 to 4 are shown as "<5"; every other count, totals included, is rounded to
// the nearest 5 (0 stays 0); means and medians are shown only for 10 or more patients; and no count
// of 1 to 4 can be worked out from any other figure of the same export. This follows NHS Digital's
// (now NHS England's) "Disclosure control methodology for Hospital Episode Statistics (HES) and
// Emergency Care Data Set (ECDS)", in use since September 2018 — small counts suppressed, all other
// counts rounded to the nearest 5, percentages worked out from the rounded figures, averages held
// back for a handful of patients. HES suppresses 1 to 7 and relies on rounding alone; this product
// suppresses only 1 to 4, and with that threshold rounding alone is not enough (a total of 7 shown
// as 5, one part of 5 and two parts "<5": the parts can only be 1 and 1). So, as HES itself did
// before 2018, secondary suppression withholds further figures — here not by hand but until an
// exact check proves that none can be worked out.
//
// The check is an integer linear program over the true counts, exactly what a determined reader can
// write down: each published figure bounds its true value ("<5" → 1..4, a rounded 5k → 5k−2..5k+2
// and at least 5, 0 → 0, withheld → 0 or more), every breakdown's groups add up to the whole, the
// relations a reader knows between measures hold in every row, and each published mean ties the
// sum of its values to its count. A small count is safe when the program has a whole-number
// solution in which it takes a different value; the solver's answer is re-checked here exactly
// (integer-program.ts), so a wrong answer from it can only withhold more. A count shown as "<5" is
// protected; so is a withheld count whose true value is 1 to 4.
//
// Why this scheme and not "round everything to 5" or "suppress 1–7": rounding alone fails the
// counterexample above at a threshold of 4; raising the threshold to 7 would hide most of a small
// practice's equity breakdown. Secondary suppression chosen by the check keeps every figure that can
// be shown and no more than that hidden.
import { percentOf, roundTo1dp } from './audit-outcome'
import { satisfiesProgram, type IntegerProgram, type IntegerProgramSolver, type LinearConstraint } from './integer-program'

// --- the aggregate grid -------------------------------------------------------------------------

/** A column of counts (patients), named by a key. */
export interface GridMeasure {
  readonly key: string
  readonly label: string
}

/**
 * A mean published per row: of a per-patient whole number (e.g. the change in systolic mmHg) over
 * the patients a count measure counts. `perPatient` is the range any one value can take, which a
 * reader knows too (the import's plausibility limits).
 */
export interface GridMean {
  readonly key: string
  readonly label: string
  readonly over: string
  readonly perPatient: { readonly min: number; readonly max: number }
  /**
   * Counts that narrow the range, which a reader knows too: each patient a `measure` counts adds
   * `min`..`max` to it (UCLA-3: a patient counted as lonely scores 6–9, the rest 3–5, so the range is
   * 3–5 per patient plus 3–4 per lonely one).
   */
  readonly extra?: readonly { readonly measure: string; readonly min: number; readonly max: number }[]
  /** Published in the whole-group row only (the breakdowns do not show it). */
  readonly wholeOnly?: boolean
}

/** One row: a count per measure and, per mean, the true sum of the values it averages. */
export interface GridRow {
  readonly label: string
  readonly counts: Readonly<Record<string, number>>
  readonly sums?: Readonly<Record<string, number>>
}

/** A breakdown: a partition of the same patients as the whole-group row. */
export interface GridDimension {
  readonly name: string
  readonly groups: readonly GridRow[]
}

export interface AggregateGrid {
  readonly measures: readonly GridMeasure[]
  readonly means?: readonly GridMean[]
  readonly whole: GridRow
  readonly dimensions: readonly GridDimension[]
}

/** What a reader knows holds in every row: Σ left (=, ≥) Σ right. */
export interface MeasureRelation {
  readonly left: readonly string[]
  readonly relation: '=' | '>='
  readonly right: readonly string[]
}

/** `larger` counts a superset of the patients `smaller` counts (e.g. invited ≥ booked). */
export function atLeast(larger: string, smaller: string): MeasureRelation {
  return { left: [larger], relation: '>=', right: [smaller] }
}

/** `total` counts exactly the patients of `parts`, which do not overlap (followedUp = reduced + unchanged + increased). */
export function sumOf(total: string, parts: readonly string[]): MeasureRelation {
  return { left: [total], relation: '=', right: parts }
}

// --- the published grid -------------------------------------------------------------------------

export const SMALL_COUNT = '<5'
export const WITHHELD = 'withheld'

export type PublishedCount = number | typeof SMALL_COUNT | typeof WITHHELD
/** A mean as published: a number to 1 dp, withheld, or null when the row has nobody to average. */
export type PublishedMean = number | typeof WITHHELD | null

export interface PublishedRow {
  readonly label: string
  readonly counts: Readonly<Record<string, PublishedCount>>
  readonly means: Readonly<Record<string, PublishedMean>>
}

export interface PublishedGrid {
  readonly whole: PublishedRow
  readonly dimensions: readonly { readonly name: string; readonly groups: readonly PublishedRow[] }[]
  /** Counts and means withheld so that no small count can be worked out (beyond the "<5" cells themselves). */
  readonly secondarySuppressions: number
}

/** Solver questions one export may ask (an audit's grid asks tens; a question takes milliseconds). */
export const MAX_SOLVER_QUESTIONS = 2000

/** Means and medians are shown only when the row has at least this many patients. */
export const MEAN_MIN_PATIENTS = 10

/** Counts 1–4 are shown as "<5". */
export function isSmallCount(n: number): boolean {
  return n >= 1 && n <= 4
}

/** Nearest multiple of 5 (a whole count is never exactly half-way). */
export function roundToNearestFive(n: number): number {
  return Math.round(n / 5) * 5
}

/** The primary rule for one count: 0 stays 0, 1–4 → "<5", anything else rounded to the nearest 5. */
export function primaryCount(n: number): PublishedCount {
  if (n === 0) return 0
  return isSmallCount(n) ? SMALL_COUNT : roundToNearestFive(n)
}

/**
 * A percentage worked out from published figures only, so it tells a reader nothing the figures do
 * not: null when there is nobody to divide by, withheld when either figure is "<5" or withheld.
 */
export function publishedPercent(part: PublishedCount, whole: PublishedCount): number | typeof WITHHELD | null {
  if (whole === 0) return null
  if (typeof part !== 'number' || typeof whole !== 'number') return WITHHELD
  return percentOf(part, whole)
}

/** A median (or any average of a row's patients) as published: withheld for fewer than 10 patients. */
export function publishedAverage(value: number | null, patients: number): PublishedMean {
  if (value === null || patients === 0) return null
  return patients < MEAN_MIN_PATIENTS ? WITHHELD : value
}

/** The Summary sheet's account of how the figures were protected: a heading and a sentence a line. */
export function disclosureControlStatement(grid: PublishedGrid): { heading: string; text: string }[] {
  return [
    { heading: 'Small counts', text: 'Counts of 1 to 4 are shown as <5.' },
    { heading: 'Rounding', text: 'Every other count, totals included, is rounded to the nearest 5 (0 stays 0).' },
    {
      heading: 'Percentages',
      text: 'Worked out from the rounded figures shown, so they can differ from the true ones; where either figure is <5 or withheld, so is the percentage.'
    },
    { heading: 'Means and medians', text: `Shown only for ${MEAN_MIN_PATIENTS} or more patients; otherwise withheld.` },
    {
      heading: 'Secondary suppression',
      text: `Before export, an exact check (an integer linear program over every figure in this workbook: the totals, every breakdown, how the measures relate, and the means) tried to work out each <5 count; where one could be worked out, further figures were withheld until none can (${grid.secondarySuppressions} withheld in this workbook). "withheld" means hidden to protect a small count, not missing.`
    },
    { heading: 'Not included', text: 'No patient-level sheet, names, addresses, NHS numbers, dates of birth or dates of care.' },
    {
      heading: 'Practice followed',
      text: "NHS Digital's (now NHS England's) disclosure control methodology for Hospital Episode Statistics (HES) and the Emergency Care Data Set (ECDS), in use since September 2018: small counts suppressed and every other count rounded to the nearest 5. Here the threshold is 1 to 4, with the secondary suppression HES used before 2018, checked exactly."
    }
  ]
}

// --- the check ----------------------------------------------------------------------------------

interface Layout {
  readonly grid: AggregateGrid
  readonly rows: readonly GridRow[]
  /** Row indices of each dimension's groups; row 0 is the whole group. */
  readonly dimensionRows: readonly (readonly number[])[]
  readonly keys: readonly string[]
  readonly means: readonly GridMean[]
}

const countCount = (l: Layout) => l.rows.length * l.keys.length
const cellVar = (l: Layout, row: number, measure: number) => row * l.keys.length + measure
const sumVar = (l: Layout, row: number, mean: number) => countCount(l) + row * l.means.length + mean

/** A mean's sum lies in low..high, both linear in the row's counts: [measure index, coefficient] terms. */
function meanRangeTerms(l: Layout, mean: GridMean): { low: [number, number][]; high: [number, number][] } {
  const over = l.keys.indexOf(mean.over)
  const low: [number, number][] = [[over, mean.perPatient.min]]
  const high: [number, number][] = [[over, mean.perPatient.max]]
  for (const e of mean.extra ?? []) {
    low.push([l.keys.indexOf(e.measure), e.min])
    high.push([l.keys.indexOf(e.measure), e.max])
  }
  return { low, high }
}

function fail(message: string): never {
  throw new Error(`Disclosure control: ${message}`)
}

function layoutOf(grid: AggregateGrid): Layout {
  const rows: GridRow[] = [grid.whole]
  const dimensionRows = grid.dimensions.map((d) => d.groups.map((g) => rows.push(g) - 1))
  return { grid, rows, dimensionRows, keys: grid.measures.map((m) => m.key), means: grid.means ?? [] }
}

/** The true figures must be a consistent grid, or the check would reason about figures that cannot be. */
function validate(l: Layout, relations: readonly MeasureRelation[]): void {
  const known = new Set(l.keys)
  if (l.keys.length === 0) fail('the grid has no measures')
  if (known.size !== l.keys.length) fail('two measures share a key')
  for (const r of relations) for (const k of [...r.left, ...r.right]) if (!known.has(k)) fail(`a relation names the unknown measure "${k}"`)
  for (const mean of l.means) {
    if (!known.has(mean.over)) fail(`the mean "${mean.key}" is over the unknown measure "${mean.over}"`)
    if (!Number.isSafeInteger(mean.perPatient.min) || !Number.isSafeInteger(mean.perPatient.max) || mean.perPatient.min > mean.perPatient.max) {
      fail(`the mean "${mean.key}" has no valid per-patient range`)
    }
    for (const e of mean.extra ?? []) {
      if (!known.has(e.measure)) fail(`the mean "${mean.key}" is narrowed by the unknown measure "${e.measure}"`)
      if (!Number.isSafeInteger(e.min) || !Number.isSafeInteger(e.max) || e.min > e.max) fail(`the mean "${mean.key}" has no valid range for "${e.measure}"`)
    }
  }
  const count = (row: GridRow, key: string) => row.counts[key] as number
  const sum = (row: GridRow, key: string) => row.sums?.[key] as number
  for (const row of l.rows) {
    for (const key of l.keys) {
      const n = row.counts[key]
      if (n === undefined || !Number.isSafeInteger(n) || n < 0) fail(`"${row.label}" has no whole, non-negative count for "${key}"`)
    }
    for (const mean of l.means) {
      const s = row.sums?.[mean.key]
      const { low, high } = meanRangeTerms(l, mean)
      const at = (terms: readonly [number, number][]) => terms.reduce((a, [m, c]) => a + c * count(row, l.keys[m] as string), 0)
      if (s === undefined || !Number.isSafeInteger(s)) fail(`"${row.label}" has no whole-number sum for the mean "${mean.key}"`)
      if (s < at(low) || s > at(high)) fail(`"${row.label}": the sum for "${mean.key}" is outside its per-patient range`)
    }
    for (const r of relations) {
      const left = r.left.reduce((a, k) => a + count(row, k), 0)
      const right = r.right.reduce((a, k) => a + count(row, k), 0)
      if (r.relation === '=' ? left !== right : left < right) fail(`"${row.label}" breaks ${r.left.join(' + ')} ${r.relation} ${r.right.join(' + ')}`)
    }
  }
  l.grid.dimensions.forEach((d, i) => {
    const groups = (l.dimensionRows[i] ?? []).map((r) => l.rows[r] as GridRow)
    for (const key of l.keys) {
      if (groups.reduce((a, g) => a + count(g, key), 0) !== count(l.grid.whole, key)) fail(`the groups of "${d.name}" do not add up to the whole for "${key}"`)
    }
    for (const mean of l.means) {
      if (groups.reduce((a, g) => a + sum(g, mean.key), 0) !== sum(l.grid.whole, mean.key))
        fail(`the groups of "${d.name}" do not add up for the mean "${mean.key}"`)
    }
  })
}

/** The true value of every variable: the counts, then the sums behind the means. */
function truthOf(l: Layout): number[] {
  const values = l.rows.flatMap((row) => l.keys.map((k) => row.counts[k] as number))
  for (const row of l.rows) for (const mean of l.means) values.push(row.sums?.[mean.key] as number)
  return values
}

/** What a published count tells a reader about the true one. `cap` stands in for "any number" (the protector's own search bound). */
function boundsOf(p: PublishedCount, cap: number): [number, number] {
  if (p === SMALL_COUNT) return [1, 4]
  if (p === WITHHELD) return [0, cap]
  if (p === 0) return [0, 0]
  return [Math.max(5, p - 2), p + 2]
}

function mergeTerms(terms: readonly (readonly [number, number])[]): [number, number][] {
  const merged = new Map<number, number>()
  for (const [v, c] of terms) merged.set(v, (merged.get(v) ?? 0) + c)
  return [...merged.entries()].filter(([, c]) => c !== 0)
}

/** The constraints every reader knows whatever is published: partitions, relations, per-patient ranges. */
function structuralConstraints(l: Layout, relations: readonly MeasureRelation[]): LinearConstraint[] {
  const constraints: LinearConstraint[] = []
  const measure = (key: string) => l.keys.indexOf(key)
  for (const groups of l.dimensionRows) {
    l.keys.forEach((_, m) => {
      constraints.push({ terms: [...groups.map((r) => [cellVar(l, r, m), 1] as const), [cellVar(l, 0, m), -1]], lower: 0, upper: 0 })
    })
    l.means.forEach((_, k) => {
      constraints.push({ terms: [...groups.map((r) => [sumVar(l, r, k), 1] as const), [sumVar(l, 0, k), -1]], lower: 0, upper: 0 })
    })
  }
  l.rows.forEach((_, r) => {
    for (const rel of relations) {
      const terms = mergeTerms([
        ...rel.left.map((k) => [cellVar(l, r, measure(k)), 1] as const),
        ...rel.right.map((k) => [cellVar(l, r, measure(k)), -1] as const)
      ])
      if (terms.length > 0) constraints.push({ terms, lower: 0, upper: rel.relation === '=' ? 0 : Infinity })
    }
    l.means.forEach((mean, k) => {
      const s = sumVar(l, r, k)
      const { low, high } = meanRangeTerms(l, mean)
      // min × n (+ each extra's min × its count) ≤ S ≤ max × n (+ each extra's max × its count)
      constraints.push({
        terms: mergeTerms([[s, 1], ...low.map(([m, c]) => [cellVar(l, r, m), -c] as const)]),
        lower: 0,
        upper: Infinity
      })
      constraints.push({
        terms: mergeTerms([[s, 1], ...high.map(([m, c]) => [cellVar(l, r, m), -c] as const)]),
        lower: -Infinity,
        upper: 0
      })
    })
  })
  return constraints
}

interface Publication {
  counts: PublishedCount[]
  means: PublishedMean[]
}

function programOf(l: Layout, structural: readonly LinearConstraint[], pub: Publication, cap: number): IntegerProgram {
  const variables = [
    ...pub.counts.map((p, i) => {
      const [lower, upper] = boundsOf(p, cap)
      return { name: `c${i}`, lower, upper }
    }),
    ...pub.means.map((_, i) => ({ name: `s${i}`, lower: -Infinity, upper: Infinity }))
  ]
  const constraints = [...structural]
  pub.means.forEach((published, i) => {
    if (typeof published !== 'number') return
    const row = Math.floor(i / l.means.length)
    const k = i % l.means.length
    const mean = l.means[k] as GridMean
    const n = cellVar(l, row, l.keys.indexOf(mean.over))
    const s = sumVar(l, row, k)
    // A mean t/10 rounded to 1 dp means |S/n − t/10| ≤ 1/20, i.e. n(2t − 1) ≤ 20S ≤ n(2t + 1).
    const t = Math.round(published * 10)
    constraints.push({
      terms: mergeTerms([
        [s, 20],
        [n, -(2 * t - 1)]
      ]),
      lower: 0,
      upper: Infinity
    })
    constraints.push({
      terms: mergeTerms([
        [s, 20],
        [n, -(2 * t + 1)]
      ]),
      lower: -Infinity,
      upper: 0
    })
  })
  return { variables, constraints }
}

function primaryPublication(l: Layout): Publication {
  const counts = l.rows.flatMap((row) => l.keys.map((k) => primaryCount(row.counts[k] as number)))
  const means = l.rows.flatMap((row, r) =>
    l.means.map((mean) => {
      if (mean.wholeOnly && r > 0) return null
      const n = row.counts[mean.over] as number
      return publishedAverage(n === 0 ? null : roundTo1dp((row.sums?.[mean.key] as number) / n), n)
    })
  )
  return { counts, means }
}

/** `program` with one variable's bounds narrowed: a feasibility question for the solver. */
function narrowed(program: IntegerProgram, variable: number, lower: number, upper: number): IntegerProgram {
  return { constraints: program.constraints, variables: program.variables.map((v, i) => (i === variable ? { ...v, lower, upper } : v)) }
}

const floorDiv = (a: number, b: number) => Math.floor(a / b)
const ceilDiv = (a: number, b: number) => Math.ceil(a / b)

/**
 * A whole-number solution from a solver's counts: the counts rounded, then the sums behind the
 * means chosen exactly (each row's sum lies in a range its count and published mean give, and each
 * breakdown's sums add up to the whole's). Null when the counts are not whole or no sums fit. The
 * caller checks the result against the whole program.
 */
function completeSolution(l: Layout, pub: Publication, values: readonly number[] | null): number[] | null {
  const counts = countCount(l)
  if (!values || values.length < counts) return null
  const solution: number[] = []
  for (let i = 0; i < counts; i++) {
    const v = values[i] as number
    const r = Math.round(v)
    if (!Number.isFinite(v) || Math.abs(v - r) > 1e-6) return null
    solution.push(r === 0 ? 0 : r)
  }
  const sums = new Array<number>(l.rows.length * l.means.length).fill(0)
  for (let k = 0; k < l.means.length; k++) {
    const mean = l.means[k] as GridMean
    const over = l.keys.indexOf(mean.over)
    const terms = meanRangeTerms(l, mean)
    const range = l.rows.map((_, r): [number, number] => {
      const n = solution[cellVar(l, r, over)] as number
      const at = (t: readonly [number, number][]) => t.reduce((a, [m, c]) => a + c * (solution[cellVar(l, r, m)] as number), 0)
      let low = at(terms.low)
      let high = at(terms.high)
      const published = pub.means[r * l.means.length + k]
      if (typeof published === 'number') {
        const t = Math.round(published * 10)
        low = Math.max(low, ceilDiv(n * (2 * t - 1), 20))
        high = Math.min(high, floorDiv(n * (2 * t + 1), 20))
      }
      return [low, high]
    })
    const whole = range[0] as [number, number]
    let [low, high] = whole
    for (const groups of l.dimensionRows) {
      low = Math.max(
        low,
        groups.reduce((a, r) => a + (range[r] as [number, number])[0], 0)
      )
      high = Math.min(
        high,
        groups.reduce((a, r) => a + (range[r] as [number, number])[1], 0)
      )
    }
    if (low > high) return null
    sums[k] = low
    for (const groups of l.dimensionRows) {
      let left = low - groups.reduce((a, r) => a + (range[r] as [number, number])[0], 0)
      for (const r of groups) {
        const [gLow, gHigh] = range[r] as [number, number]
        const add = Math.min(left, gHigh - gLow)
        sums[r * l.means.length + k] = gLow + add
        left -= add
      }
    }
  }
  return [...solution, ...sums]
}

/**
 * The protected counts that the program pins to their true value. For each, the solver is asked
 * for any solution with the count below its true value, then above: a feasibility question, first
 * relaxed (a linear program, whose answers here are almost always whole) and only if that gives no
 * whole solution as an integer program. Each solution found, checked exactly against the full
 * program, clears every protected count it moves, so most counts need no question of their own.
 */
async function derivableCounts(
  l: Layout,
  pub: Publication,
  program: IntegerProgram,
  protectedCounts: readonly number[],
  truth: readonly number[],
  solve: IntegerProgramSolver
): Promise<number[]> {
  const open = new Set(protectedCounts)
  const clearBy = (values: readonly number[] | null) => {
    const whole = completeSolution(l, pub, values)
    if (!whole || !satisfiesProgram(program, whole)) return false
    for (const c of open) if (whole[c] !== truth[c]) open.delete(c)
    return true
  }
  const ask = async (question: IntegerProgram) => {
    const relaxed = await solve(question, anySolution, { relaxed: true })
    // No fractional solution means no whole one either.
    if (relaxed.status === 'infeasible' || clearBy(relaxed.values)) return
    clearBy((await solve(question, anySolution, { relaxed: false })).values)
  }
  // All zeros answers every count once everything around it is withheld, without a solve.
  clearBy(program.variables.map(() => 0))
  const derivable: number[] = []
  for (const c of [...open]) {
    const v = truth[c] as number
    const { lower, upper } = program.variables[c] as IntegerProgram['variables'][number]
    if (open.has(c) && lower <= v - 1) await ask(narrowed(program, c, lower, v - 1))
    if (open.has(c) && v + 1 <= upper) await ask(narrowed(program, c, v + 1, upper))
    if (open.has(c)) {
      derivable.push(c)
      open.delete(c)
    }
  }
  return derivable
}

const anySolution = { sense: 'minimise', terms: [] } as const

/** Variables that share a constraint: a figure next to a derivable count is the first to withhold. */
function neighboursOf(variableCount: number, constraints: readonly LinearConstraint[]): Set<number>[] {
  const next = Array.from({ length: variableCount }, () => new Set<number>())
  for (const c of constraints) for (const [a] of c.terms) for (const [b] of c.terms) if (a !== b) next[a]?.add(b)
  return next
}

/**
 * Protects `grid` for publication: the primary rule, then secondary suppression until the exact
 * check finds no count of 1 to 4 that can be worked out from the rest. `solve` is an integer-program
 * solver (main supplies one); its answers are re-checked, so it need not be trusted.
 */
export async function protectGrid(
  grid: AggregateGrid,
  relations: readonly MeasureRelation[],
  solver: IntegerProgramSolver,
  options: { readonly maxQuestions?: number } = {}
): Promise<PublishedGrid> {
  // A bound on the solver's work for one export: past it every question counts as unanswered, so a
  // pathological grid ends over-withheld (all zeros then answers every count) rather than slow.
  let questions = options.maxQuestions ?? MAX_SOLVER_QUESTIONS
  const solve: IntegerProgramSolver = (program, objective, how) =>
    questions-- > 0 ? solver(program, objective, how) : Promise.resolve({ status: 'unknown', values: null })
  const l = layoutOf(grid)
  validate(l, relations)
  const truth = truthOf(l)
  const counts = countCount(l)
  // The protector searches counts up to `cap` where a figure is withheld: a narrower search than a
  // reader's can only find fewer alternatives, so it errs towards withholding.
  const cap = 2 * Math.max(0, ...truth.slice(0, counts)) + 10
  const structural = structuralConstraints(l, relations)
  const neighbours = neighboursOf(truth.length, structural)
  const pub = primaryPublication(l)
  const protectedCounts = truth.slice(0, counts).flatMap((n, i) => (isSmallCount(n) ? [i] : []))

  const isShown = (v: number) => (v < counts ? pub.counts[v] !== WITHHELD : typeof pub.means[v - counts] === 'number')
  const withhold = (v: number) => {
    if (v < counts) pub.counts[v] = WITHHELD
    else pub.means[v - counts] = WITHHELD
  }
  // What withholding costs the reader: a small number first, a zero or a "<5" almost nothing, the
  // whole-group figures (the Summary) and means last.
  const cost = (v: number) => {
    if (v >= counts) return 1e9
    const p = pub.counts[v]
    const base = p === SMALL_COUNT ? 1 : p === 0 ? 0.5 : (truth[v] as number)
    return v < l.keys.length ? 1e6 + base : base
  }
  /** The cheapest shown figure nearest to `from` in the constraints, not `from` itself. */
  const nearestShown = (from: number): number | null => {
    const seen = new Set([from])
    let frontier = [from]
    while (frontier.length > 0) {
      const next: number[] = []
      for (const v of frontier) {
        for (const n of neighbours[v] ?? []) {
          if (seen.has(n)) continue
          seen.add(n)
          next.push(n)
        }
      }
      const shown = next.filter(isShown).sort((a, b) => cost(a) - cost(b) || a - b)
      if (shown[0] !== undefined) return shown[0]
      frontier = next
    }
    return null
  }

  let secondary = 0
  let open = protectedCounts
  for (let round = 0; open.length > 0; round++) {
    if (round > truth.length + 1) fail('secondary suppression did not settle')
    const program = programOf(l, structural, pub, cap)
    if (!satisfiesProgram(program, truth)) fail('the published figures do not fit the true ones')
    const derivable = await derivableCounts(l, pub, program, open, truth, solve)
    // Withhold one figure per derivable count, skipping a count next to one already withheld this
    // round: that may be enough, and the next round checks.
    const near = new Set<number>()
    for (const c of derivable) {
      if (near.has(c)) continue
      const pick = nearestShown(c) ?? (isShown(c) ? c : null)
      if (pick === null) fail('a small count could be worked out with every figure around it withheld')
      withhold(pick)
      secondary++
      near.add(pick)
      for (const n of neighbours[pick] ?? []) near.add(n)
    }
    open = derivable
  }

  const rowOf = (r: number): PublishedRow => ({
    label: (l.rows[r] as GridRow).label,
    counts: Object.fromEntries(l.keys.map((k, m) => [k, pub.counts[cellVar(l, r, m)] as PublishedCount])),
    means: Object.fromEntries(l.means.map((mean, k) => [mean.key, pub.means[sumVar(l, r, k) - counts] as PublishedMean]))
  })
  return {
    whole: rowOf(0),
    dimensions: grid.dimensions.map((d, i) => ({ name: d.name, groups: (l.dimensionRows[i] ?? []).map(rowOf) })),
    secondarySuppressions: secondary
  }
}
