// The shape every front end calls through dispatch: one handler per contract operation, taking the
// parsed input and giving the output (or a promise of it). Its own file so that a capability can
// declare its slice of handlers (`Pick<Services, …>`) without importing the assembled map.
import type { OperationOutput, ParsedInput } from '../shared/contract'
import type { OperationName } from '../shared/operation-names'

export type Services = {
  [K in OperationName]: (input: ParsedInput<K>) => OperationOutput<K> | Promise<OperationOutput<K>>
}
