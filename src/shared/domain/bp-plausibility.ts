// Which blood pressure values the app will store (every imported row is checked: systolic 40–350,
// diastolic 20–200, systolic above diastolic). Values outside are typing or export errors, not
// readings; the same limits guard the database (bp_readings CHECK) and the clinic visit form.

export const systolicRange = { min: 40, max: 350 } as const
export const diastolicRange = { min: 20, max: 200 } as const

/** Null when plausible, else the reason shown to the user in the import report. */
export function systolicProblem(systolic: number): string | null {
  if (!Number.isInteger(systolic)) return `systolic ${systolic} is not a whole number of mmHg`
  if (systolic < systolicRange.min || systolic > systolicRange.max) {
    return `systolic ${systolic} mmHg is outside the plausible range ${systolicRange.min}–${systolicRange.max}`
  }
  return null
}

export function diastolicProblem(diastolic: number): string | null {
  if (!Number.isInteger(diastolic)) return `diastolic ${diastolic} is not a whole number of mmHg`
  if (diastolic < diastolicRange.min || diastolic > diastolicRange.max) {
    return `diastolic ${diastolic} mmHg is outside the plausible range ${diastolicRange.min}–${diastolicRange.max}`
  }
  return null
}

export function bloodPressureProblem(systolic: number, diastolic: number): string | null {
  const single = systolicProblem(systolic) ?? diastolicProblem(diastolic)
  if (single) return single
  if (systolic <= diastolic) return `blood pressure ${systolic}/${diastolic}: systolic must be higher than diastolic`
  return null
}

/**
 * A measurement cell: `145`, `145.0`, `145 mmHg`. Returns the whole number, or null when the cell
 * holds something else (the caller reports it). Decimals are rounded: some systems print `145.0`.
 */
export function parseMmHg(text: string): number | null {
  const m = /^\s*(\d{1,3}(?:\.\d+)?)\s*(mm\s*hg)?\s*$/i.exec(text)
  if (!m) return null
  return Math.round(Number(m[1]))
}

/** A whole reading in one cell: `145/92`, `145 / 92 mmHg`. Null when the cell is not that shape. */
export function parseBloodPressureCell(text: string): { systolic: number; diastolic: number } | null {
  const m = /^\s*(\d{1,3}(?:\.\d+)?)\s*\/\s*(\d{1,3}(?:\.\d+)?)\s*(mm\s*hg)?\s*$/i.exec(text)
  if (!m) return null
  return { systolic: Math.round(Number(m[1])), diastolic: Math.round(Number(m[2])) }
}
