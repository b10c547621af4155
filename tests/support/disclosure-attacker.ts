// An attacker on a published table, written apart from the protector
// (src/shared/domain/disclosure-control.ts) and on a different solver (GLPK through glpk.js, GPL:
// tests only). It knows what a reader of the workbook knows: every figure shown, that each
// breakdown partitions the same patients as the Summary, the relations between measures that the
// workbook's notes imply, and how a mean to 1 dp ties a sum to a count. It writes the integer
// program over the true counts and, for every count shown as "<5" or withheld, works out its
// minimum and maximum — as "is there a solution below / above the value seen?", which is the same
// question — and a count is worked out when they agree (for a withheld one, when that value is 1–4).
import GLPK, { type LP } from 'glpk.js/node'

type Glpk = Awaited<ReturnType<typeof GLPK>>
let glpk: Promise<Glpk> | null = null

/** A cell as read back from the sheet. */
export type ReadCell = number | string | null

export interface ReaderRow {
  label: string
  /** Every cell showing this measure in this row (the same figure can appear twice). */
  counts: Record<string, ReadCell[]>
  means: Record<string, ReadCell>
}

export interface ReaderTable {
  measures: readonly string[]
  /**
   * `perPatient` bounds each value the mean averages; `extra` narrows the sum further by counts the
   * reader also sees (each patient a measure counts adds extra[1]..extra[2] to the range).
   */
  means: readonly { key: string; over: string; perPatient: readonly [number, number]; extra?: readonly (readonly [string, number, number])[] }[]
  relations: readonly { left: readonly string[]; op: '=' | '>='; right: readonly string[] }[]
  whole: ReaderRow
  dimensions: readonly { name: string; rows: readonly ReaderRow[] }[]
}

export interface AttackResult {
  /** Whether the reader's program has any solution (the truth must be one). */
  feasible: boolean
  /** Counts hidden as "<5" or withheld that the attacker pinned to one value of 1–4. */
  derived: { row: string; measure: string; value: number }[]
  /** How many hidden counts were attacked. */
  attacked: number
}

/** What one shown figure tells a reader about the true count; null when it tells nothing. */
function boundsFromCell(cell: ReadCell): [number, number | null] | null {
  if (cell === '<5') return [1, 4]
  if (cell === 'withheld' || cell === null) return null
  if (typeof cell !== 'number') throw new Error(`unexpected count cell ${JSON.stringify(cell)}`)
  if (cell === 0) return [0, 0]
  if (cell % 5 !== 0) throw new Error(`a published count ${cell} is not a multiple of 5`)
  return [Math.max(5, cell - 2), cell + 2]
}

export async function attackTable(table: ReaderTable): Promise<AttackResult> {
  glpk ??= GLPK()
  const g = await glpk
  const rows: ReaderRow[] = [table.whole, ...table.dimensions.flatMap((d) => d.rows)]
  const x = (r: number, m: string) => `x_${r}_${table.measures.indexOf(m)}`
  const s = (r: number, k: number) => `s_${r}_${k}`

  const bounds: LP['bounds'] = []
  const hidden: { name: string; row: string; measure: string; shownSmall: boolean }[] = []
  rows.forEach((row, r) => {
    for (const m of table.measures) {
      let lb = 0
      let ub: number | null = null
      const cells = row.counts[m] ?? []
      for (const cell of cells) {
        const b = boundsFromCell(cell)
        if (!b) continue
        lb = Math.max(lb, b[0])
        ub = b[1] === null ? ub : ub === null ? b[1] : Math.min(ub, b[1])
      }
      bounds.push(ub === null ? { name: x(r, m), type: g.GLP_LO, lb, ub: 0 } : { name: x(r, m), type: lb === ub ? g.GLP_FX : g.GLP_DB, lb, ub })
      if (cells.some((c) => c === '<5' || c === 'withheld')) hidden.push({ name: x(r, m), row: row.label, measure: m, shownSmall: cells.includes('<5') })
    }
    table.means.forEach((_, k) => bounds.push({ name: s(r, k), type: g.GLP_FR, lb: 0, ub: 0 }))
  })

  const subjectTo: LP['subjectTo'] = []
  let n = 0
  const add = (vars: { name: string; coef: number }[], type: number, lb: number, ub: number) =>
    subjectTo.push({ name: `c${n++}`, vars, bnds: { type, lb, ub } })
  let offset = 1
  for (const d of table.dimensions) {
    const members = d.rows.map((_, i) => offset + i)
    offset += d.rows.length
    for (const m of table.measures) add([...members.map((r) => ({ name: x(r, m), coef: 1 })), { name: x(0, m), coef: -1 }], g.GLP_FX, 0, 0)
    table.means.forEach((_, k) => add([...members.map((r) => ({ name: s(r, k), coef: 1 })), { name: s(0, k), coef: -1 }], g.GLP_FX, 0, 0))
  }
  rows.forEach((row, r) => {
    for (const rel of table.relations) {
      const coef = new Map<string, number>()
      for (const m of rel.left) coef.set(x(r, m), (coef.get(x(r, m)) ?? 0) + 1)
      for (const m of rel.right) coef.set(x(r, m), (coef.get(x(r, m)) ?? 0) - 1)
      add(
        [...coef].map(([name, c]) => ({ name, coef: c })),
        rel.op === '=' ? g.GLP_FX : g.GLP_LO,
        0,
        0
      )
    }
    table.means.forEach((mean, k) => {
      const count = x(r, mean.over)
      const extra = mean.extra ?? []
      add([{ name: s(r, k), coef: 1 }, { name: count, coef: -mean.perPatient[0] }, ...extra.map(([m, min]) => ({ name: x(r, m), coef: -min }))], g.GLP_LO, 0, 0)
      add(
        [{ name: s(r, k), coef: 1 }, { name: count, coef: -mean.perPatient[1] }, ...extra.map(([m, , max]) => ({ name: x(r, m), coef: -max }))],
        g.GLP_UP,
        0,
        0
      )
      const shown = row.means[mean.key]
      if (typeof shown === 'number') {
        // shown = round(S / n, 1 dp)  ⇒  n(2t − 1) ≤ 20 S ≤ n(2t + 1), t = shown × 10
        const t = Math.round(shown * 10)
        add(
          [
            { name: s(r, k), coef: 20 },
            { name: count, coef: -(2 * t - 1) }
          ],
          g.GLP_LO,
          0,
          0
        )
        add(
          [
            { name: s(r, k), coef: 20 },
            { name: count, coef: -(2 * t + 1) }
          ],
          g.GLP_UP,
          0,
          0
        )
      }
    })
  })
  const generals = bounds.map((b) => b.name)
  const countNames = generals.filter((name) => name.startsWith('x_'))

  // Each question is "is there a solution with this count below (or above) the one value seen for
  // it so far?": the same as minimising and maximising it, asked so GLPK can stop at the first
  // whole-number solution instead of proving an optimum.
  const boundOf = new Map(bounds.map((b) => [b.name, b]))
  const solve = (narrow: { name: string; lb: number; ub: number | null } | null) => {
    const narrowed = narrow
      ? bounds.map((b) =>
          b.name === narrow.name
            ? { name: b.name, type: narrow.ub === null ? g.GLP_LO : narrow.lb === narrow.ub ? g.GLP_FX : g.GLP_DB, lb: narrow.lb, ub: narrow.ub ?? 0 }
            : b
        )
      : bounds
    const lp: LP = {
      name: 'attack',
      objective: { direction: g.GLP_MIN, name: 'z', vars: [{ name: x(0, table.measures[0] as string), coef: 0 }] },
      subjectTo,
      bounds: narrowed
    }
    const options = { msglev: g.GLP_MSG_OFF, presol: true, tmlim: 120 }
    const answer = (status: number, vars: Record<string, number>) =>
      status === g.GLP_OPT || status === g.GLP_FEAS ? vars : status === g.GLP_NOFEAS || status === g.GLP_INFEAS ? null : undefined
    // The linear relaxation first: no fractional solution means no whole one, and a whole one is an answer.
    const relaxed = g.solve(lp, options).result
    if (relaxed.status === g.GLP_NOFEAS || relaxed.status === g.GLP_INFEAS) return null
    if (relaxed.status === g.GLP_OPT && Object.values(relaxed.vars).every((v) => Math.abs(v - Math.round(v)) < 1e-9)) return relaxed.vars
    // Then whole counts with the sums left fractional (GLPK is slow on whole sums with the means'
    // coefficients); none means none at all. Given such counts, look for whole sums alone.
    const counts = g.solve({ ...lp, generals: countNames }, options).result
    const countsAnswer = answer(counts.status, counts.vars)
    if (countsAnswer === null) return null
    if (countsAnswer) {
      const fixed = narrowed.map((b) =>
        b.name.startsWith('x_') ? { name: b.name, type: g.GLP_FX, lb: Math.round(countsAnswer[b.name] ?? 0), ub: Math.round(countsAnswer[b.name] ?? 0) } : b
      )
      const sums = g.solve({ ...lp, bounds: fixed, generals }, options).result
      if (sums.status === g.GLP_OPT || sums.status === g.GLP_FEAS) return sums.vars
    }
    const result = g.solve({ ...lp, generals }, options).result
    const full = answer(result.status, result.vars)
    if (full !== undefined) return full
    throw new Error(
      `the attacker could not decide (GLPK status ${result.status}) whether ${narrow?.name ?? 'the table'} can lie in ${narrow?.lb}..${narrow?.ub}`
    )
  }

  // Values seen for each hidden count across every solution found: two different ones clear it.
  const seen = new Map(hidden.map((h) => [h.name, new Set<number>()]))
  const record = (vars: Record<string, number>) => {
    for (const [name, values] of seen) values.add(Math.round(vars[name] ?? NaN))
  }
  const first = solve(null)
  if (!first) return { feasible: false, derived: [], attacked: hidden.length }
  record(first)

  const derived: AttackResult['derived'] = []
  for (const h of hidden) {
    const values = seen.get(h.name) as Set<number>
    if (values.size > 1) continue
    const value = [...values][0] as number
    const b = boundOf.get(h.name) as { lb: number; ub: number; type: number }
    const upper = b.type === g.GLP_LO ? null : b.ub
    const below = value - 1 >= b.lb ? solve({ name: h.name, lb: b.lb, ub: value - 1 }) : null
    if (below) record(below)
    if (values.size > 1) continue
    const above = upper === null || value + 1 <= upper ? solve({ name: h.name, lb: value + 1, ub: upper }) : null
    if (above) record(above)
    if (values.size > 1) continue
    if (h.shownSmall || (value >= 1 && value <= 4)) derived.push({ row: h.row, measure: h.measure, value })
  }
  return { feasible: true, derived, attacked: hidden.length }
}
