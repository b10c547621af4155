// The import's tally of event rows the shipped code lists did not decide: codes in no list (their
// rows are dropped) and rows read from their term alone. Kept per distinct code and term as
// exported, with the events and the distinct patients, so the Code library can show a practice
// what Clinic Recall does not recognise in its data.
import type { EventClassification } from '../../shared/domain/clinical-codes'
import type { CodeFinding, CodeTally } from '../import/import-types'

const separator = '\u0001'

/**
 * One code, however many terms the practices gave it; a row exported without a code is known by its
 * term (case and spacing aside), so "41 codes matched no code list" counts what a person would.
 */
export function unmatchedCodeKey(code: string, term: string): string {
  const c = code.trim()
  return c !== '' ? c : `term:${term.toLowerCase().replace(/\s+/g, ' ').trim()}`
}

/** What a term-only match was read as, stored with it: the concept(s), `BP:<setting>` or `ETHNICITY`. */
export function matchedAsOf(c: Exclude<EventClassification, { kind: 'unknown' }>): string {
  switch (c.kind) {
    case 'bp':
      return `BP:${c.setting}`
    case 'concept':
      return c.concepts.join('+')
    case 'ethnicity':
      return 'ETHNICITY'
    default: {
      const never: never = c
      throw new Error(`unhandled classification ${JSON.stringify(never)}`)
    }
  }
}

/** Tallies one file's rows as they are read. */
export class CodeTallies {
  private readonly byKey = new Map<string, CodeTally>()

  add(code: string, term: string, matchedAs: string | null, nhsNumber: string): void {
    const key = `${code}${separator}${term}${separator}${matchedAs ?? ''}`
    let tally = this.byKey.get(key)
    if (!tally) {
      tally = { code, term, matchedAs, events: 0, nhsNumbers: new Set() }
      this.byKey.set(key, tally)
    }
    tally.events++
    tally.nhsNumbers.add(nhsNumber)
  }

  list(): CodeTally[] {
    return [...this.byKey.values()]
  }
}

/**
 * The files of one import → one finding per code, term and reading, a patient in two files counted
 * once. A file chosen twice (same content) is counted once, as its events are stored once.
 */
export function mergeCodeTallies(files: ReadonlyArray<{ fileHash: string; codeTallies: readonly CodeTally[] }>): CodeFinding[] {
  const merged = new Map<string, CodeTally>()
  const seenFiles = new Set<string>()
  for (const file of files) {
    if (seenFiles.has(file.fileHash)) continue
    seenFiles.add(file.fileHash)
    for (const t of file.codeTallies) {
      const key = `${t.code}${separator}${t.term}${separator}${t.matchedAs ?? ''}`
      const into = merged.get(key)
      if (!into) {
        merged.set(key, { ...t, nhsNumbers: new Set(t.nhsNumbers) })
        continue
      }
      into.events += t.events
      for (const n of t.nhsNumbers) into.nhsNumbers.add(n)
    }
  }
  return [...merged.values()]
    .map(({ code, term, matchedAs, events, nhsNumbers }) => ({ code, term, matchedAs, events, patients: nhsNumbers.size }))
    .sort((a, b) => b.events - a.events || a.code.localeCompare(b.code) || a.term.localeCompare(b.term))
}

/** Distinct codes (by unmatchedCodeKey) among the findings that matched nothing. */
export function countUnmatchedCodes(findings: readonly CodeFinding[]): number {
  return new Set(findings.filter((f) => f.matchedAs === null).map((f) => unmatchedCodeKey(f.code, f.term))).size
}

/** Events read from their term alone. */
export function countTermOnlyEvents(findings: readonly CodeFinding[]): number {
  return findings.reduce((n, f) => n + (f.matchedAs === null ? 0 : f.events), 0)
}
