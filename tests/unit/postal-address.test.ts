// Which recorded addresses a letter can be posted to: a house and street (or a house name and a
// place) is needed; a postcode alone, a "no address" word or an NHS pseudo-postcode is not enough.
import { describe, expect, it } from 'vitest'
import { isPseudoPostcode, postalAddressProblem } from '../../src/shared/domain/postal-address'

describe('postalAddressProblem', () => {
  it('accepts an address with a house and street, with or without a postcode', () => {
    expect(postalAddressProblem({ addressLines: ['1 Test Street', 'London'], postcode: 'SW9 7AB' })).toBeNull()
    expect(postalAddressProblem({ addressLines: ['Rose Cottage', 'Little Snoring'], postcode: null })).toBeNull()
  })

  it('refuses a postcode on its own: it covers a street, not a door', () => {
    expect(postalAddressProblem({ addressLines: [], postcode: 'SW9 7AB' })).toBe('only a postcode is recorded, no house or street')
    expect(postalAddressProblem({ addressLines: ['  ', '-'], postcode: 'SW9 7AB' })).toBe('only a postcode is recorded, no house or street')
  })

  it('refuses the words exports carry in place of an address, whole lines only', () => {
    for (const word of ['Unknown', 'NO FIXED ABODE', 'N/A', 'nfa', 'Address not known', 'Not recorded']) {
      expect(postalAddressProblem({ addressLines: [word], postcode: null })).toBe(`the address is recorded as "${word}"`)
    }
    expect(postalAddressProblem({ addressLines: ['Unknown', ''], postcode: 'SW9 7AB' })).toBe('the address is recorded as "Unknown"')
    // A real street that happens to contain such a word is an address.
    expect(postalAddressProblem({ addressLines: ['1 Unknown Lane'], postcode: 'SW9 7AB' })).toBeNull()
  })

  it('refuses an NHS pseudo-postcode (ZZ99: address not known), even with lines', () => {
    expect(isPseudoPostcode('ZZ99 3VZ')).toBe(true)
    expect(isPseudoPostcode('zz993wz')).toBe(true)
    expect(isPseudoPostcode('SW9 7AB')).toBe(false)
    expect(postalAddressProblem({ addressLines: ['12 Acre Lane'], postcode: 'zz99 3vz' })).toBe(
      'the postcode ZZ99 3VZ is an NHS pseudo-postcode (address not known)'
    )
  })

  it('says "no postal address" when nothing at all is recorded', () => {
    expect(postalAddressProblem({ addressLines: [], postcode: null })).toBe('no postal address')
    expect(postalAddressProblem({ addressLines: [''], postcode: '  ' })).toBe('no postal address')
  })
})
