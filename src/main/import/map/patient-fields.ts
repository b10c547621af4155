// Normalising the demographic cells of an export into what the patients table stores.

export type Sex = 'M' | 'F' | 'U' | 'I'

const sexes: ReadonlyMap<string, Sex> = new Map([
  ['m', 'M'],
  ['male', 'M'],
  ['f', 'F'],
  ['female', 'F'],
  ['u', 'U'],
  ['unknown', 'U'],
  ['not known', 'U'],
  ['not specified', 'U'],
  ['unspecified', 'U'],
  ['i', 'I'],
  ['indeterminate', 'I'],
  ['intersex', 'I']
])

/** M/F/U/I (NHS Data Dictionary PERSON STATED GENDER CODE 1/2/9/X also accepted), else null. */
export function normaliseSex(value: string): Sex | null {
  const v = value.trim().toLowerCase()
  const byCode: Record<string, Sex> = { '1': 'M', '2': 'F', '9': 'U', '0': 'U', x: 'I' }
  return sexes.get(v) ?? byCode[v] ?? null
}

export interface NameParts {
  title: string | null
  givenName: string | null
  familyName: string | null
}

/**
 * EMIS prints `SMITH, Jane (Mrs)`; other reports `Mrs Jane Smith` or `Jane SMITH`. The family name
 * is the part before the comma, else the last word.
 */
export function parseFullName(value: string): NameParts {
  let text = value.trim().replace(/\s+/g, ' ')
  let title: string | null = null
  const bracket = /\(([^)]*)\)\s*$/.exec(text)
  if (bracket) {
    title = (bracket[1] ?? '').trim() || null
    text = text.slice(0, bracket.index).trim()
  }
  if (text.includes(',')) {
    const [family, ...rest] = text.split(',')
    return { title, familyName: (family ?? '').trim() || null, givenName: rest.join(',').trim() || null }
  }
  const words = text.split(' ').filter(Boolean)
  const titles = /^(mr|mrs|miss|ms|mx|dr|prof|rev|sir|dame|master)\.?$/i
  if (title === null && words.length > 1 && titles.test(words[0] ?? '')) title = words.shift() ?? null
  if (words.length === 0) return { title, givenName: null, familyName: null }
  if (words.length === 1) return { title, givenName: null, familyName: words[0] ?? null }
  return { title, familyName: words[words.length - 1] ?? null, givenName: words.slice(0, -1).join(' ') }
}

/** Y/N, Yes/No, True/False, 1/0 → boolean; anything else → null (caller decides). */
export function parseYesNo(value: string): boolean | null {
  const v = value.trim().toLowerCase()
  if (['y', 'yes', 'true', '1', 'x', 't'].includes(v)) return true
  if (['n', 'no', 'false', '0', 'f'].includes(v)) return false
  return null
}

/** Upper case with one space before the inward code: `sw1a1aa` → `SW1A 1AA`. */
export function normalisePostcode(value: string): string {
  const compact = value.toUpperCase().replace(/\s+/g, '')
  if (/^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/.test(compact)) return `${compact.slice(0, -3)} ${compact.slice(-3)}`
  return value.trim().toUpperCase()
}
