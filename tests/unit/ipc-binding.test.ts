import { describe, expect, it, vi } from 'vitest'

// The Electron binary cannot run here (nor in unit tests): mock the module so importing main-process
// code that references it stays pure.
vi.mock('electron', () => ({
  app: { whenReady: () => new Promise(() => {}), on: vi.fn(), getPath: () => ':memory:' },
  BrowserWindow: vi.fn(),
  ipcMain: { handle: vi.fn() },
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn() }
}))

import { bindContract } from '../../src/main/electron/ipc-binding'
import { operationNames } from '../../src/shared/operation-names'
import type { Services } from '../../src/main/services'

type Handler = (event: { senderFrame: { url: string } | null }, input: unknown) => unknown

function fakeIpc() {
  const handlers = new Map<string, Handler>()
  return { handlers, ipcMain: { handle: (channel: string, listener: Handler) => void handlers.set(channel, listener) } }
}

const services = {
  'session.setUser': (user: unknown) => ({ user })
} as unknown as Services

describe('IPC binding of the contract', () => {
  it('registers exactly one channel per contract operation, and no generic one', () => {
    const { handlers, ipcMain } = fakeIpc()
    bindContract(ipcMain, services)
    expect([...handlers.keys()].sort()).toEqual(operationNames.map((n) => `clinic-recall:${n}`).sort())
  })

  it('validates input in main and returns errors as values', async () => {
    const { handlers, ipcMain } = fakeIpc()
    bindContract(ipcMain, services)
    const setUser = handlers.get('clinic-recall:session.setUser')!
    const ok = await setUser({ senderFrame: { url: 'app://clinic-recall/index.html' } }, { name: 'Ada', role: 'clinician' })
    expect(ok).toEqual({ ok: true, value: { user: { name: 'Ada', role: 'clinician' } } })
    const bad = (await setUser({ senderFrame: { url: 'app://clinic-recall/index.html' } }, { name: 'Ada', role: 'root' })) as {
      ok: boolean
      error: { code: string; message: string }
    }
    expect(bad.ok).toBe(false)
    expect(bad.error.code).toBe('invalid_input')
    expect(bad.error.message).toContain('role')
  })

  it('refuses calls from any page that is not the app', async () => {
    const { handlers, ipcMain } = fakeIpc()
    bindContract(ipcMain, services)
    const setUser = handlers.get('clinic-recall:session.setUser')!
    const result = (await setUser({ senderFrame: { url: 'https://evil.example/' } }, { name: 'Ada', role: 'clinician' })) as { ok: boolean }
    expect(result.ok).toBe(false)
  })
})
