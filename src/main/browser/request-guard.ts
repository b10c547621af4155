// Browser mode listens on 127.0.0.1 only, but any web page the user visits could still try to reach
// it (CSRF, DNS rebinding). Three checks stop that: the Host header must name our own loopback
// address and port, a request that says where it comes from (Origin) must come from that same
// address, and every API call must carry the per-launch secret token. The rest of this file reads
// the request line safely: a hostile URL gets a 4xx with a plain reason, never a crash.
import { timingSafeEqual } from 'node:crypto'

export function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false
  const allowed = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]
  return allowed.includes(hostHeader.toLowerCase())
}

export function hasValidToken(presented: string | string[] | undefined, expected: string): boolean {
  if (typeof presented !== 'string') return false
  const a = Buffer.from(presented)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * A browser sends Origin on every cross-site request and on same-site POSTs. Absent (curl, the
 * CLI's tests, a plain page load): fine, the Host check and the token still apply. Present, it must
 * be exactly this host's own origin, `http://` + the Host header already checked above; `null`
 * (a sandboxed frame, a file:// page) is not.
 */
export function isAllowedOrigin(originHeader: string | string[] | undefined, hostHeader: string | undefined): boolean {
  if (originHeader === undefined) return true
  if (typeof originHeader !== 'string' || !hostHeader) return false
  return originHeader.toLowerCase() === `http://${hostHeader.toLowerCase()}`
}

/** Longer than any address the app itself makes (the longest is an /api/ operation name). */
export const maxUrlLength = 2048

/**
 * The path of a request URL, percent-decoded, or why it cannot be used. Refuses a malformed
 * escape (`%E0%A4%A`), a NUL byte, and any `..` segment, so nothing later has to be careful.
 */
export function readRequestPath(rawUrl: string): { ok: true; path: string } | { ok: false; status: 400 | 404 | 414; reason: string } {
  if (rawUrl.length > maxUrlLength) return { ok: false, status: 414, reason: 'The address is too long.' }
  let pathname: string
  try {
    pathname = new URL(rawUrl, 'http://127.0.0.1').pathname
  } catch {
    return { ok: false, status: 400, reason: 'The address could not be read.' }
  }
  let path: string
  try {
    path = decodeURIComponent(pathname)
  } catch {
    return { ok: false, status: 400, reason: 'The address has a broken %-escape (a % must be followed by two hex digits forming UTF-8).' }
  }
  if (path.includes('\0')) return { ok: false, status: 400, reason: 'The address contains a NUL character.' }
  // URL parsing already resolves literal `..`; a decoded one (`..%2f`) or a backslash form is refused outright.
  if (path.split(/[/\\]/).includes('..')) return { ok: false, status: 404, reason: 'Not found' }
  return { ok: true, path }
}
