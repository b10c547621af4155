// Who is using the app, and what the front end needs to know about the database it has open.
import { z } from 'zod'
import type { OperationName } from '../operation-names'
import { Empty, User } from './common'

/** The session operations: each name with the schema of its input and of its output. */
export const sessionOperations = {
  'session.get': {
    input: Empty,
    output: z.object({
      user: User.nullable(),
      databasePath: z.string(),
      appVersion: z.string(),
      /** About the database itself, e.g. it is on a network drive: shown as a banner. */
      warnings: z.array(z.string()).default([])
    })
  },
  'session.setUser': { input: User, output: z.object({ user: User }) },
  /** Staff names already in the activity log (names only: no patient data), offered on the start screen before anyone has signed in. */
  'session.knownUsers': { input: Empty, output: z.object({ names: z.array(z.string()) }) }
} as const satisfies Partial<Record<OperationName, { input: z.ZodType; output: z.ZodType }>>
