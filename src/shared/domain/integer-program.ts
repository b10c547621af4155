// An integer linear program in the plain shape disclosure control needs: integer variables with
// bounds, linear constraints with a lower and an upper limit, one objective at a time. The solver is
// not trusted: whatever it returns is checked here exactly, in integer arithmetic, so a solver's
// rounding or a bug can only make the export withhold more, never publish a cell that gives one away.

/** An integer variable; `upper` may be Infinity and `lower` -Infinity. */
export interface IntegerVariable {
  readonly name: string
  readonly lower: number
  readonly upper: number
}

/** lower ≤ Σ coefficient × variable ≤ upper; a side may be ±Infinity. Terms are [variable index, coefficient]. */
export interface LinearConstraint {
  readonly terms: readonly (readonly [number, number])[]
  readonly lower: number
  readonly upper: number
}

export interface IntegerProgram {
  readonly variables: readonly IntegerVariable[]
  readonly constraints: readonly LinearConstraint[]
}

export interface ProgramObjective {
  readonly sense: 'minimise' | 'maximise'
  readonly terms: readonly (readonly [number, number])[]
}

export interface SolverAnswer {
  /** `infeasible` only when the solver proved there is no solution; `unknown` for a limit or a failure. */
  readonly status: 'solved' | 'infeasible' | 'unknown'
  /** One value per variable when it has a solution (not necessarily whole when relaxed). */
  readonly values: readonly number[] | null
}

/**
 * Solves `program` for `objective`: as an integer program, or `relaxed` as a linear one (variables
 * may take fractions; a hundred times quicker). Main supplies it (a WebAssembly solver); the domain
 * stays pure.
 */
export type IntegerProgramSolver = (program: IntegerProgram, objective: ProgramObjective, options: { readonly relaxed: boolean }) => Promise<SolverAnswer>

/** Whether whole-number `values` meet every bound and constraint exactly (the numbers here are small, so no rounding). */
export function satisfiesProgram(program: IntegerProgram, values: readonly number[]): boolean {
  if (values.length !== program.variables.length) return false
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number
    const bounds = program.variables[i] as IntegerVariable
    if (!Number.isSafeInteger(v) || v < bounds.lower || v > bounds.upper) return false
  }
  for (const c of program.constraints) {
    let sum = 0
    for (const [index, coefficient] of c.terms) sum += coefficient * (values[index] as number)
    if (!Number.isSafeInteger(sum) || sum < c.lower || sum > c.upper) return false
  }
  return true
}
