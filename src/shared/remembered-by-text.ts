// A pure function of a text, each distinct text worked out once. For the few texts a big job asks
// about again and again — the dates of an export's rows, the days a cohort build words for tens of
// thousands of listed patients — a Map lookup instead of the patterns again. The function must be
// pure (the same text always gives the same answer) and its answers are shared, so callers only
// read them. Memory stays flat: past `maxKept` texts the memory starts again.
export function rememberedByText<T>(workOut: (text: string) => T, maxKept: number): (text: string) => T {
  const known = new Map<string, T>()
  return (text) => {
    if (known.has(text)) return known.get(text) as T
    const answer = workOut(text)
    if (known.size >= maxKept) known.clear()
    known.set(text, answer)
    return answer
  }
}
