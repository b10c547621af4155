// One typed function per contract operation. Components call `api['cohorts.build']({...})` and get
// the contract's output type back; there is no generic invoke for them to misuse.
import type { OperationInput, OperationOutput } from '../../../shared/contract'
import { operationNames, type OperationName } from '../../../shared/operation-names'
import { call } from './transport'

export type Api = { [K in OperationName]: (input: OperationInput<K>) => Promise<OperationOutput<K>> }

function operation<K extends OperationName>(name: K): Api[K] {
  return ((input: OperationInput<K>) => call(name, input) as Promise<OperationOutput<K>>) as Api[K]
}

function buildApi(): Api {
  const entries = operationNames.map((name) => [name, operation(name)] as const)
  return Object.fromEntries(entries) as Api
}

export const api: Api = buildApi()
