// Browser mode when the practice database cannot be opened (damaged, from a newer version): instead
// of the app, 127.0.0.1 serves one plain page saying what is wrong and what to do. It serves no
// data and runs no operation, so it needs no token.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string)
}

export function cannotOpenPageHtml(message: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Clinic Recall cannot open the practice database</title>
<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:3rem auto;padding:0 1rem;line-height:1.5}pre{white-space:pre-wrap;background:#f4f4f4;padding:1rem;border-left:4px solid #d4351c}</style>
</head><body><h1>Clinic Recall cannot open the practice database</h1>
<pre>${escapeHtml(message)}</pre>
<p>Clinic Recall has not changed anything. Stop this window's program (Ctrl+C), do what is written above, then start Clinic Recall again.</p>
</body></html>`
}

export function startCannotOpenPage(message: string, port: number): Promise<{ server: Server; url: string }> {
  const html = cannotOpenPageHtml(message)
  const server = createServer((_req, res) => {
    res.writeHead(503, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff'
    })
    res.end(html)
  })
  return new Promise((resolveStarted, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => {
      resolveStarted({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` })
    })
  })
}
