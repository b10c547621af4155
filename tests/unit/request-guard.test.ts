import { describe, expect, it } from 'vitest'
import { hasValidToken, isAllowedHost, isAllowedOrigin, maxUrlLength, readRequestPath } from '../../src/main/browser/request-guard'

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

  it("accepts a request with no Origin, or with exactly this host's own origin", () => {
    expect(isAllowedOrigin(undefined, '127.0.0.1:4317')).toBe(true)
    expect(isAllowedOrigin('http://127.0.0.1:4317', '127.0.0.1:4317')).toBe(true)
    expect(isAllowedOrigin('http://localhost:4317', 'localhost:4317')).toBe(true)
  })

  it('refuses a foreign, look-alike or null Origin (a page on another site calling in)', () => {
    expect(isAllowedOrigin('https://evil.example', '127.0.0.1:4317')).toBe(false)
    expect(isAllowedOrigin('http://127.0.0.1:4318', '127.0.0.1:4317')).toBe(false)
    expect(isAllowedOrigin('https://127.0.0.1:4317', '127.0.0.1:4317')).toBe(false)
    expect(isAllowedOrigin('http://127.0.0.1:4317.evil.example', '127.0.0.1:4317')).toBe(false)
    expect(isAllowedOrigin('http://localhost:4317', '127.0.0.1:4317')).toBe(false)
    expect(isAllowedOrigin('null', '127.0.0.1:4317')).toBe(false)
    expect(isAllowedOrigin(['http://127.0.0.1:4317'], '127.0.0.1:4317')).toBe(false)
  })

  it('reads a request path percent-decoded', () => {
    expect(readRequestPath('/api/session.get')).toEqual({ ok: true, path: '/api/session.get' })
    expect(readRequestPath('/assets/a%20b.js?x=1')).toEqual({ ok: true, path: '/assets/a b.js' })
    expect(readRequestPath('/a/../index.html')).toEqual({ ok: true, path: '/index.html' })
  })

  it('refuses a broken %-escape with 400 rather than failing', () => {
    for (const url of ['/%E0%A4%A', '/api/%', '/%ZZ', '/%C0%AF']) {
      const read = readRequestPath(url)
      expect(read.ok, url).toBe(false)
      if (!read.ok) expect(read.status, url).toBe(400)
    }
  })

  it('refuses NUL bytes, encoded .. segments and over-long addresses', () => {
    expect(readRequestPath('/index.html%00.png')).toMatchObject({ ok: false, status: 400 })
    expect(readRequestPath('/..%2f..%2fsecret.txt')).toMatchObject({ ok: false, status: 404 })
    expect(readRequestPath('/assets/..%5csecret.txt')).toMatchObject({ ok: false, status: 404 })
    expect(readRequestPath(`/${'a'.repeat(maxUrlLength)}`)).toMatchObject({ ok: false, status: 414 })
  })
})
