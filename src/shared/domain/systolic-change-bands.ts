// The spread of the BP table's systolic changes (follow-up minus baseline, whole mmHg) in bands of
// 10 mmHg for the distribution chart. "No change" is a band of its own, as in the BP table, so the
// bands either side of it are falls of 1–10 and rises of 1–10; the ends are open at a fall of 40 or
// more and a rise of 40 or more, which leaves the bands next to them 9 mmHg wide (31–39).

export interface ChangeBand {
  /** Inclusive lower bound in mmHg; null for the open band of the largest falls. */
  from: number | null
  /** Exclusive upper bound in mmHg; null for the open band of the largest rises. */
  to: number | null
  label: string
  patients: number
}

// U+2212 MINUS SIGN: reads as a minus, and a label can never start with "-" (a spreadsheet formula).
const minus = (n: number) => (n < 0 ? `\u2212${-n}` : String(n))

/** Lower bounds (inclusive) of the bands after the first; the first band is everything below −39. */
const bounds = [-39, -30, -20, -10, 0, 1, 11, 21, 31, 40] as const

function label(from: number | null, to: number | null): string {
  if (from === null) return `≤ ${minus((to ?? 0) - 1)}`
  if (to === null) return `≥ ${from}`
  if (from === 0 && to === 1) return '0 (no change)'
  return `${minus(from)} to ${minus(to - 1)}`
}

/** The bands, in order from the largest fall to the largest rise, with an empty count each. */
export function emptyChangeBands(): ChangeBand[] {
  const edges: (number | null)[] = [null, ...bounds, null]
  const bands: ChangeBand[] = []
  for (let i = 0; i + 1 < edges.length; i++) {
    const from = edges[i] ?? null
    const to = edges[i + 1] ?? null
    bands.push({ from, to, label: label(from, to), patients: 0 })
  }
  return bands
}

/** Counts each systolic change into its band; every change falls into exactly one. */
export function systolicChangeBands(changes: readonly number[]): ChangeBand[] {
  const bands = emptyChangeBands()
  for (const change of changes) {
    const band = bands.find((b) => (b.from === null || change >= b.from) && (b.to === null || change < b.to))
    if (band) band.patients++
  }
  return bands
}
