// The roles a user acts in, as plain names: the contract's Role schema is made from this list, and
// the CLI offers it for --role without building the contract's schemas (which --help never needs).
export const userRoles = ['clinician', 'admin', 'manager'] as const

export type UserRole = (typeof userRoles)[number]

export function isUserRole(text: string): text is UserRole {
  return (userRoles as readonly string[]).includes(text)
}
