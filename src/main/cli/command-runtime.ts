// What a command needs once it runs and `--help`, `--version` or a usage error never do: the
// database, every service behind dispatch, and the contract's schemas that check a command's
// options and its user (building them all was a third of `--help`). program.ts loads this module
// just before the first action, so starting the CLI costs only commander and the command definitions.
export { createAppContext } from '../app-context'
export { databaseWarnings } from '../backups/database-warnings'
export { dispatch } from '../dispatch'
export { createServices } from '../services'
export { contract, User } from '../../shared/contract'
