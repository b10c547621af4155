// The list of operations, without their schemas: the sandboxed preload script builds its facade
// from this list and must not pull zod into its bundle. `contract.ts` checks at compile time that
// this list and the contract's keys are the same set.
export const operationNames = [
  'session.get',
  'session.setUser',
  'settings.get',
  'settings.update',
  'imports.preview',
  'imports.commit',
  'imports.list',
  'cohorts.definitions',
  'cohorts.build',
  'cohorts.list',
  'cohorts.get',
  'invitations.createBatch',
  'invitations.listBatches',
  'documents.read',
  'clinics.create',
  'clinics.list',
  'clinics.get',
  'appointments.book',
  'appointments.attend',
  'appointments.markDidNotAttend',
  'followups.due',
  'audit.summary',
  'audit.exportWorkbook',
  'activity.list'
] as const

export type OperationName = (typeof operationNames)[number]
