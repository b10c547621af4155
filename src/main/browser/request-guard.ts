// Browser mode listens on 127.0.0.1 only, but any web page the user visits could still try to reach
// it (CSRF, DNS rebinding). Two checks stop that: the Host header must name our own loopback
// address and port, and every API call must carry the per-launch secret token.
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
