// The integer-program solver the pseudonymised export's disclosure check runs on: HiGHS (University
// of Edinburgh, MIT licence) compiled to WebAssembly by the `highs` package — no native add-on,
// nothing downloaded, in the main process. GLPK (glpk.js) is GPL-3.0, which a closed app cannot
// ship, so it is used only by the tests' independent attacker. The domain re-checks every answer
// exactly (src/shared/domain/integer-program.ts), so a solver's slip can only withhold more.
import type loadHighs from 'highs'
import type { Highs } from 'highs'
import { loadOnFirstUse } from '../load-on-first-use'
import type { IntegerProgram, IntegerProgramSolver, ProgramObjective } from '../../shared/domain/integer-program'

// One WebAssembly instance for the process: loading it takes tens of milliseconds, a solve a few.
let instance: Promise<Highs> | null = null

/** A grid the size of a PCN's audit solves in milliseconds; this only stops a pathological one hanging the export. */
const SOLVE_SECONDS = 2

/** Solves with HiGHS; no values when it found no solution (the domain then treats the count as not proven safe). */
export const solveWithHighs: IntegerProgramSolver = async (program: IntegerProgram, objective: ProgramObjective, { relaxed }) => {
  instance ??= loadOnFirstUse<typeof loadHighs>('highs')()
  const highs = await instance
  const inf = highs.infinity
  const finite = (v: number) => (v === Infinity ? inf : v === -Infinity ? -inf : v)
  const colCost = new Float64Array(program.variables.length)
  for (const [v, c] of objective.terms) colCost[v] = (colCost[v] ?? 0) + c
  const starts = [0]
  const indices: number[] = []
  const values: number[] = []
  for (const c of program.constraints) {
    for (const [v, coefficient] of c.terms) {
      indices.push(v)
      values.push(coefficient)
    }
    starts.push(indices.length)
  }
  const model = highs.createModel({
    numCols: program.variables.length,
    numRows: program.constraints.length,
    sense: objective.sense === 'minimise' ? highs.constants.objectiveSense.minimize : highs.constants.objectiveSense.maximize,
    colCost,
    colLower: program.variables.map((v) => finite(v.lower)),
    colUpper: program.variables.map((v) => finite(v.upper)),
    rowLower: program.constraints.map((c) => finite(c.lower)),
    rowUpper: program.constraints.map((c) => finite(c.upper)),
    matrix: { format: 'csr', numRows: program.constraints.length, numCols: program.variables.length, starts, indices, values },
    ...(relaxed ? {} : { integrality: program.variables.map(() => highs.constants.variableType.integer) })
  })
  try {
    model.options.set({ output_flag: false, time_limit: SOLVE_SECONDS })
    model.run()
    const status = model.getModelStatus()
    if (status === highs.constants.modelStatus.infeasible) return { status: 'infeasible', values: null }
    // Any solution it holds is worth checking, optimal or not: the domain verifies it exactly.
    const values = Array.from(model.getSolution().colValue)
    return { status: status === highs.constants.modelStatus.optimal ? 'solved' : 'unknown', values }
  } catch {
    return { status: 'unknown', values: null }
  } finally {
    model.dispose()
  }
}
