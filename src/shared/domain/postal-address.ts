// Whether a patient's recorded address is one a letter can be delivered to. A letter is only worth
// printing when the envelope names a house and a street (or a house name and a place): a postcode on
// its own covers 15 or so addresses, so Royal Mail cannot deliver to it, and exports carry words
// such as "Unknown" or "No fixed abode" in the address columns when there is no address at all.
// NHS pseudo-postcodes (ZZ99 …) are what the NHS records when the real address is not known.
// A patient whose address fails here is phoned instead, or listed as not contactable, with the
// reason — never sent a letter that cannot arrive.

export interface RecordedAddress {
  addressLines: readonly string[]
  postcode: string | null
}

/** Words recorded in place of an address (compared whole, ignoring case, spaces and punctuation). */
const NOT_AN_ADDRESS = new Set([
  'unknown',
  'notknown',
  'addressunknown',
  'addressnotknown',
  'noaddress',
  'noaddressrecorded',
  'nofixedabode',
  'nfa',
  'na',
  'none',
  'nil',
  'tbc',
  'tba',
  'notrecorded',
  'notgiven',
  'withheld',
  'x',
  'xx',
  'xxx'
])

function wordsOnly(line: string): string {
  return line.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '')
}

/** A line that says nothing a postman could use: blank, punctuation only, or a "no address" word. */
function isEmptyOrPlaceholder(line: string): boolean {
  const words = wordsOnly(line)
  return words === '' || NOT_AN_ADDRESS.has(words)
}

/** NHS pseudo-postcodes (ZZ99 3VZ no fixed abode, ZZ99 3WZ address not known, …): no real place. */
export function isPseudoPostcode(postcode: string): boolean {
  return /^ZZ99/i.test(postcode.replace(/\s+/g, ''))
}

/**
 * Why a letter cannot be posted to this address, in words for the batch sheet (e.g. "only a
 * postcode is recorded, no house or street"), or null when it can. Nothing recorded at all is "no
 * postal address".
 */
export function postalAddressProblem(address: RecordedAddress): string | null {
  const lines = address.addressLines.map((l) => l.trim()).filter((l) => l !== '')
  const postcode = (address.postcode ?? '').trim()
  const useful = lines.filter((l) => !isEmptyOrPlaceholder(l))
  if (useful.length === 0) {
    const placeholder = lines.find((l) => NOT_AN_ADDRESS.has(wordsOnly(l)))
    if (placeholder !== undefined) return `the address is recorded as "${placeholder}"`
    return postcode === '' ? 'no postal address' : 'only a postcode is recorded, no house or street'
  }
  if (postcode !== '' && isPseudoPostcode(postcode)) return `the postcode ${postcode.toUpperCase()} is an NHS pseudo-postcode (address not known)`
  return null
}
