import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkNhsNumber, formatNhsNumber, isValidNhsNumber, nhsCheckDigit } from '../../src/shared/domain/nhs-number'

// Test vectors from ../shared/data/nhs-number (sources and licences in that folder's SOURCES.md;
// copied here as tests/fixtures/nhs-number/).
const fixtures = join(__dirname, '../fixtures/nhs-number')

function compiledVectors(): { input: string; valid: boolean; note: string }[] {
  const lines = readFileSync(join(fixtures, 'nhs_number_vectors_compiled.csv'), 'utf8').trim().split(/\r?\n/).slice(1)
  return lines.map((line) => {
    const [input, valid, , note] = line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)
    return { input: input ?? '', valid: valid === 'true', note: note ?? '' }
  })
}

describe('NHS number Modulus 11', () => {
  it.each(compiledVectors())('compiled vector $input is valid=$valid', ({ input, valid }) => {
    expect(isValidNhsNumber(input)).toBe(valid)
  })

  it('accepts every number in the nine-valid-numbers test file', () => {
    const numbers = readFileSync(join(fixtures, 'uk-fci_testdata-9-valid-nhs-numbers.csv'), 'utf8').trim().split(/\r?\n/)
    expect(numbers).toHaveLength(9)
    for (const n of numbers) expect(checkNhsNumber(n)).toEqual({ valid: true, nhsNumber: n.trim() })
  })

  it('agrees with every uk-fci JSON vector for checksums and validation', () => {
    const cases = JSON.parse(readFileSync(join(fixtures, 'uk-fci_nhs_number_cases.json'), 'utf8')) as Record<string, unknown>
    const checksums = cases.calculate_checksum as { identifier: string; checksum: number | null }[]
    expect(checksums.length).toBeGreaterThan(0)
    for (const c of checksums) {
      // 10 (no digit can match) and null (not nine digits) both mean "no valid check digit".
      const expected = c.checksum === 10 ? null : c.checksum
      expect(nhsCheckDigit(c.identifier), c.identifier).toBe(expected)
    }
    const validity = cases.is_valid as { input: unknown; valid: boolean; note?: string }[]
    expect(validity.length).toBeGreaterThan(0)
    for (const v of validity) {
      // uk-fci also rejects Scottish CHI numbers with an impossible date of birth. English practice
      // exports carry NHS numbers, which we check by Modulus 11 alone, so
      // that CHI-only rule is deliberately not applied: the number is checksum-valid.
      if (v.note?.includes('only the date rejects it')) {
        expect(isValidNhsNumber(String(v.input))).toBe(true)
        continue
      }
      // The Python library also accepts integers; exports give us text, so test the text form.
      const input = typeof v.input === 'number' ? String(v.input).padStart(10, '0') : String(v.input)
      expect(isValidNhsNumber(input), input).toBe(v.valid)
    }
  })

  it('rejects a number whose check digit would be 10, whatever the last digit', () => {
    for (let last = 0; last <= 9; last++) expect(isValidNhsNumber(`123456789${last}`)).toBe(false)
  })

  it('explains why a number is rejected', () => {
    expect(checkNhsNumber('943 476 5918')).toEqual({ valid: false, reason: 'NHS number "943 476 5918" fails the Modulus 11 check' })
    expect(checkNhsNumber('94347659')).toMatchObject({ valid: false, reason: expect.stringContaining('8 digits') })
    expect(checkNhsNumber('')).toMatchObject({ valid: false, reason: 'NHS number is missing' })
    expect(checkNhsNumber('943A765919')).toMatchObject({ valid: false })
  })

  it('strips spaces and dashes, keeps a leading zero and formats 3-3-4', () => {
    expect(checkNhsNumber(' 060-723-0002 ')).toEqual({ valid: true, nhsNumber: '0607230002' })
    expect(formatNhsNumber('9434765919')).toBe('943 476 5919')
  })
})
