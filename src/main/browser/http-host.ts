// Browser-mode host: serves the built renderer and the contract over HTTP on 127.0.0.1, so the whole
// app runs and is tested in a real browser where the Electron binary is not available. Same
// operations, same validation (dispatch) as the desktop IPC.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { readFile, stat } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'
import type { AddressInfo } from 'node:net'
import { dispatch } from '../dispatch'
import type { Services } from '../services'
import { hasValidToken, isAllowedHost, isAllowedOrigin, readRequestPath } from './request-guard'

export const tokenHeader = 'x-clinic-recall-token'
const maxBodyBytes = 256 * 1024 * 1024

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2'
}

const securityHeaders = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store'
}

export interface BrowserHost {
  server: Server
  port: number
  url: string
  close(): Promise<void>
}

export async function startBrowserHost(options: { services: Services; rendererDir: string; token: string; port?: number }): Promise<BrowserHost> {
  const { services, rendererDir, token } = options
  let port = options.port ?? 0

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      console.error('[clinic-recall] browser host error:', error)
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Internal error')
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isAllowedHost(req.headers.host, port)) {
      send(res, 421, 'text/plain; charset=utf-8', 'Clinic Recall only answers on its own loopback address.')
      return
    }
    // A page on another site (or a sandboxed frame) calling in: refused whatever it asks for.
    if (!isAllowedOrigin(req.headers.origin, req.headers.host)) {
      send(res, 403, 'text/plain; charset=utf-8', 'Clinic Recall only answers its own pages: this request came from another web address.')
      return
    }
    const request = readRequestPath(req.url ?? '/')
    if (!request.ok) {
      send(res, request.status, 'text/plain; charset=utf-8', request.reason)
      return
    }
    if (request.path.startsWith('/api/')) {
      await handleApi(req, res, request.path.slice('/api/'.length))
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed', { Allow: 'GET, HEAD' })
      return
    }
    await serveStatic(res, request.path)
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, operation: string): Promise<void> {
    if (req.method !== 'POST') {
      send(res, 405, 'application/json', JSON.stringify({ ok: false, error: { code: 'invalid_input', message: 'Use POST' } }), { Allow: 'POST' })
      return
    }
    if (!hasValidToken(req.headers[tokenHeader], token)) {
      send(
        res,
        401,
        'application/json',
        JSON.stringify({
          ok: false,
          error: { code: 'invalid_input', message: 'Missing or wrong session token: open the address printed when Clinic Recall started.' }
        })
      )
      return
    }
    const body = await readBody(req)
    if (body === null) {
      send(
        res,
        413,
        'application/json',
        JSON.stringify({
          ok: false,
          error: {
            code: 'invalid_input',
            message: `The files chosen are too large to send together (over ${Math.round(maxBodyBytes / (1024 * 1024))} MB): no practice export is this big, so one of them is probably not the right file. Nothing was imported.`
          }
        })
      )
      return
    }
    let input: unknown
    try {
      input = body.length ? JSON.parse(body.toString('utf8')) : {}
    } catch {
      send(res, 400, 'application/json', JSON.stringify({ ok: false, error: { code: 'invalid_input', message: 'Request body is not JSON' } }))
      return
    }
    const result = await dispatch(services, operation, input)
    send(res, 200, 'application/json', JSON.stringify(result))
  }

  async function serveStatic(res: ServerResponse, pathname: string): Promise<void> {
    const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '')
    const root = normalize(rendererDir + sep)
    const filePath = normalize(join(rendererDir, relative))
    if (!filePath.startsWith(root)) {
      send(res, 404, 'text/plain; charset=utf-8', 'Not found')
      return
    }
    try {
      const info = await stat(filePath)
      if (!info.isFile()) throw new Error('not a file')
      const bytes = await readFile(filePath)
      send(res, 200, contentTypes[extname(filePath)] ?? 'application/octet-stream', bytes)
    } catch {
      send(res, 404, 'text/plain; charset=utf-8', 'Not found')
    }
  }

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolvePromise())
  })
  port = (server.address() as AddressInfo).port

  return {
    server,
    port,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    close: () => new Promise<void>((resolvePromise) => server.close(() => resolvePromise()))
  }
}

function send(res: ServerResponse, status: number, contentType: string, body: string | Buffer, extraHeaders: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': contentType, ...securityHeaders, ...extraHeaders })
  res.end(body)
}

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = false
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBodyBytes) tooLarge = true
      else chunks.push(chunk)
    })
    req.on('end', () => resolvePromise(tooLarge ? null : Buffer.concat(chunks)))
    req.on('error', reject)
  })
}
