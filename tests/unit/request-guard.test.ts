import { describe, expect, it } from 'vitest'
import { hasValidToken, isAllowedHost } from '../../src/main/browser/request-guard'

describe('browser-mode request guard', () => {
  it('accepts only our loopback host and port (stops DNS rebinding)', () => {
    expect(isAllowedHost('127.0.0.1:4317', 4317)).toBe(true)
    expect(isAllowedHost('localhost:4317', 4317)).toBe(true)
    expect(isAllowedHost('127.0.0.1:4318', 4317)).toBe(false)
    expect(isAllowedHost('evil.example:4317', 4317)).toBe(false)
    expect(isAllowedHost(undefined, 4317)).toBe(false)
  })

  it('requires the exact per-launch token', () => {
    expect(hasValidToken('secret-token', 'secret-token')).toBe(true)
    expect(hasValidToken('secret-tokex', 'secret-token')).toBe(false)
    expect(hasValidToken('short', 'secret-token')).toBe(false)
    expect(hasValidToken(undefined, 'secret-token')).toBe(false)
    expect(hasValidToken(['secret-token'], 'secret-token')).toBe(false)
  })
})
