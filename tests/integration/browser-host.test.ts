import { mkdirSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startBrowserHost, type BrowserHost } from '../../src/main/browser/http-host'
import { createServices } from '../../src/main/services'
import type { ServiceContext } from '../../src/main/context'
import type { UserT } from '../../src/shared/contract'
import { createTestContext, type TestContext } from '../support/test-context'

let ctx: TestContext
let host: BrowserHost
const token = 'test-token-0123456789'

beforeEach(async () => {
  ctx = createTestContext()
  const rendererDir = join(ctx.folder, 'renderer')
  mkdirSync(rendererDir)
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Clinic Recall</title>')
  writeFileSync(join(ctx.folder, 'secret.txt'), 'outside the renderer')
  // As `npm run serve` starts: nobody signed in until the start screen says who is there.
  host = await startBrowserHost({ services: createServices(signedOut(ctx)), rendererDir, token, port: 0 })
})
afterEach(async () => {
  await host.close()
  ctx.cleanup()
})

/** The test database with nobody signed in (the browser host starts that way). */
function signedOut(context: TestContext): ServiceContext {
  let user: UserT | null = null
  return { ...context, currentUser: () => user, setCurrentUser: (next) => void (user = next) }
}

const api = (operation: string, body: unknown, headers: Record<string, string> = {}) =>
  send({ method: 'POST', path: `/api/${operation}`, headers: { 'x-clinic-recall-token': token, ...headers }, body: JSON.stringify(body) })

function send(options: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: host.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: { host: `127.0.0.1:${host.port}`, ...options.headers }
      },
      (res) => {
        let body = ''
        res.on('data', (c) => (body += c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }))
      }
    )
    req.on('error', reject)
    if (options.body) req.write(options.body)
    req.end()
  })
}

describe('browser-mode host', () => {
  it('listens on 127.0.0.1 and prints a URL carrying the token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${token}`)
  })

  it('serves the renderer with a strict Content-Security-Policy', async () => {
    const res = await send({ path: '/' })
    expect(res.status).toBe(200)
    expect(res.body).toContain('Clinic Recall')
    expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'")
  })

  it('never serves files outside the renderer folder', async () => {
    const res = await send({ path: '/../secret.txt' })
    expect(res.body).not.toContain('outside the renderer')
    const encoded = await send({ path: '/..%2fsecret.txt' })
    expect(encoded.body).not.toContain('outside the renderer')
  })

  it('runs contract operations with the token', async () => {
    const set = await send({
      method: 'POST',
      path: '/api/session.setUser',
      headers: { 'x-clinic-recall-token': token, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Ada Lovelace', role: 'manager' })
    })
    expect(JSON.parse(set.body)).toEqual({ ok: true, value: { user: { name: 'Ada Lovelace', role: 'manager' } } })
    const get = await send({ method: 'POST', path: '/api/session.get', headers: { 'x-clinic-recall-token': token }, body: '{}' })
    expect(JSON.parse(get.body).value.user.name).toBe('Ada Lovelace')
  })

  it('refuses API calls without the token or from another host name', async () => {
    const noToken = await send({ method: 'POST', path: '/api/session.get', body: '{}' })
    expect(noToken.status).toBe(401)
    const rebinding = await send({
      method: 'POST',
      path: '/api/session.get',
      headers: { host: `evil.example:${host.port}`, 'x-clinic-recall-token': token },
      body: '{}'
    })
    expect(rebinding.status).toBe(421)
  })

  it('returns validation failures as values naming the field', async () => {
    await api('session.setUser', { name: 'Ada Lovelace', role: 'admin' })
    const res = await send({
      method: 'POST',
      path: '/api/clinics.create',
      headers: { 'x-clinic-recall-token': token },
      body: JSON.stringify({ type: 'BP', date: '22/11/2026', start: '09:00', slots: 4, slotMinutes: 15 })
    })
    const result = JSON.parse(res.body)
    expect(result.ok).toBe(false)
    expect(result.error.code).toBe('invalid_input')
    expect(result.error.message).toContain('date')
    const unknown = JSON.parse((await send({ method: 'POST', path: '/api/db.exec', headers: { 'x-clinic-recall-token': token }, body: '{}' })).body)
    expect(unknown.error.message).toContain('Unknown operation')
  })

  it('refuses an impossible date by name, and creates nothing', async () => {
    await api('session.setUser', { name: 'Ada Lovelace', role: 'admin' })
    const result = JSON.parse((await api('clinics.create', { type: 'BP', date: '2026-02-31', start: '09:00', slots: 4, slotMinutes: 15 })).body)
    expect(result.ok).toBe(false)
    expect(result.error.code).toBe('invalid_input')
    expect(result.error.message).toContain('date: 2026-02-31 is not a real date: February 2026 has 28 days')
    const time = JSON.parse((await api('clinics.create', { type: 'BP', date: '2026-02-27', start: '24:61', slots: 4, slotMinutes: 15 })).body)
    expect(time.error.message).toContain('start:')
    expect(ctx.db.prepare('SELECT COUNT(*) FROM clinics').pluck().get()).toBe(0)
  })

  it('refuses writes and patient data until someone has signed in, then allows them', async () => {
    const before = JSON.parse((await api('clinics.create', { type: 'BP', date: '2026-11-27', start: '09:00', slots: 4, slotMinutes: 15 })).body)
    expect(before).toEqual({
      ok: false,
      error: {
        code: 'unauthorised',
        message: expect.stringMatching(/^Choose who you are on the start screen before making changes/),
        details: { signInRequired: true }
      }
    })
    const log = JSON.parse((await api('activity.list', {})).body)
    expect(log.error.code).toBe('unauthorised')
    expect(ctx.db.prepare('SELECT COUNT(*) FROM clinics').pluck().get()).toBe(0)
    // The start screen's own calls work before sign-in.
    expect(JSON.parse((await api('session.knownUsers', {})).body)).toEqual({ ok: true, value: { names: [] } })
    await api('session.setUser', { name: 'Ada Lovelace', role: 'admin' })
    const after = JSON.parse((await api('clinics.create', { type: 'BP', date: '2026-11-27', start: '09:00', slots: 4, slotMinutes: 15 })).body)
    expect(after.ok).toBe(true)
    expect(ctx.db.prepare("SELECT user_name FROM activity_log WHERE action = 'clinics.create'").pluck().all()).toEqual(['Ada Lovelace'])
  })

  it('answers a broken %-escape with 400 and a plain reason, for pages and for the API', async () => {
    for (const path of ['/%E0%A4%A', '/api/%E0%A4%A', '/assets/%', '/%ZZ']) {
      const res = path.startsWith('/api/')
        ? await send({ method: 'POST', path, headers: { 'x-clinic-recall-token': token }, body: '{}' })
        : await send({ path })
      expect(res.status, path).toBe(400)
      expect(res.body, path).toMatch(/broken %-escape/)
    }
  })

  it('refuses any request from another web address (Origin) with 403, and serves its own', async () => {
    for (const origin of ['https://evil.example', 'null', `http://127.0.0.1:${host.port + 1}`, `http://localhost:${host.port}`]) {
      const res = await api('session.get', {}, { origin })
      expect(res.status, origin).toBe(403)
      expect(res.body).not.toContain('databasePath')
      expect((await send({ path: '/', headers: { origin } })).status, origin).toBe(403)
    }
    const own = await api('session.get', {}, { origin: `http://127.0.0.1:${host.port}` })
    expect(own.status).toBe(200)
    expect(JSON.parse(own.body).ok).toBe(true)
  })

  it('answers odd methods with 405, never 500', async () => {
    for (const method of ['PUT', 'DELETE', 'OPTIONS', 'PATCH', 'PROPFIND', 'TRACE']) {
      expect((await send({ method, path: '/' })).status, method).toBe(405)
      expect((await send({ method, path: '/api/session.get', headers: { 'x-clinic-recall-token': token } })).status, method).toBe(405)
    }
    const head = await send({ method: 'HEAD', path: '/' })
    expect(head.status).toBe(200)
  })

  it('answers a very long address with 414 and .. paths with 404, never 500', async () => {
    expect((await send({ path: `/${'a'.repeat(5000)}` })).status).toBe(414)
    expect((await send({ method: 'POST', path: `/api/${'x'.repeat(5000)}`, headers: { 'x-clinic-recall-token': token }, body: '{}' })).status).toBe(414)
    for (const path of ['/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/..%5csecret.txt', '/%2e%2e/secret.txt', '/../secret.txt', '/index.html%00']) {
      const res = await send({ path })
      expect(res.status, path).toBeGreaterThanOrEqual(400)
      expect(res.status, path).toBeLessThan(500)
      expect(res.body, path).not.toContain('outside the renderer')
    }
  })
})
