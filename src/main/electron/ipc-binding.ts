// Binds one IPC handler per contract operation. Each call is checked to come from our own app://
// page, then goes through the same dispatch (schema validation, Result values) as browser mode.
import { operationNames } from '../../shared/operation-names'
import { ipcChannelFor } from '../../shared/ipc-channel'
import { dispatch } from '../dispatch'
import type { Services } from '../services'
import { isAppUrl } from './navigation-policy'

export interface IpcMainLike {
  handle(channel: string, listener: (event: { senderFrame: { url: string } | null }, input: unknown) => unknown): void
}

export function bindContract(ipcMain: IpcMainLike, services: Services): string[] {
  const channels: string[] = []
  for (const name of operationNames) {
    const channel = ipcChannelFor(name)
    ipcMain.handle(channel, (event, input) => {
      const senderUrl = event.senderFrame?.url ?? ''
      if (!isAppUrl(senderUrl)) {
        return { ok: false, error: { code: 'invalid_input', message: 'Calls are only accepted from the Clinic Recall window' } }
      }
      return dispatch(services, name, input)
    })
    channels.push(channel)
  }
  return channels
}
