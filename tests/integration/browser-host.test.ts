import { mkdirSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startBrowserHost, type BrowserHost } from '../../src/main/browser/http-host'
import { createServices } from '../../src/main/services'
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
  host = await startBrowserHost({ services: createServices(ctx), rendererDir, token, port: 0 })
})
afterEach(async () => {
  await host.close()
  ctx.cleanup()
})

function send(options: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, method: options.method ?? 'GET', path: options.path, headers: { host: `127.0.0.1:${host.port}`, ...options.headers } },
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
    const rebinding = await send({ method: 'POST', path: '/api/session.get', headers: { host: `evil.example:${host.port}`, 'x-clinic-recall-token': token }, body: '{}' })
    expect(rebinding.status).toBe(421)
  })

  it('returns validation failures as values naming the field', async () => {
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
})
