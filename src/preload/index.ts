// Exposes one function per contract operation to the renderer, and nothing else: no ipcRenderer,
// no generic invoke. Input validation happens in main (the renderer is untrusted).
import { contextBridge, ipcRenderer } from 'electron'
import { operationNames } from '../shared/operation-names'
import { ipcChannelFor } from '../shared/ipc-channel'

const api = Object.fromEntries(operationNames.map((name) => [name, (input: unknown) => ipcRenderer.invoke(ipcChannelFor(name), input)]))

contextBridge.exposeInMainWorld('clinicRecall', api)
