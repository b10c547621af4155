// `contact set --interpreter LANGUAGE | --no-interpreter`: the interpreter need staff record in the
// app, which wins over the export's main language and interpreter flag while set. The language is
// checked here by the same rule the contract applies, so the refusal names the option the user typed.
import type { OperationOutput } from '../../shared/contract'
import { interpreterLanguageProblem } from '../../shared/domain/contact-channel'
import { BadInput } from './bad-input'

type Contact = OperationOutput<'contacts.get'>

/**
 * commander's value for the pair: a language to record, `false` for --no-interpreter (remove the
 * app's record), undefined when neither was given (keep what is recorded).
 */
export function interpreterChange(value: string | false | undefined): string | null | undefined {
  if (value === undefined) return undefined
  if (value === false) return null
  // Quoted as JSON so a value with a line break or control character still gives a one-line reason.
  const shown = JSON.stringify(value)
  // commander takes the next word as the value even when it is an option: `--interpreter --json`.
  if (/^-/.test(value.trim())) throw new BadInput(`--interpreter ${shown}: expected a language after --interpreter, e.g. --interpreter Polish`)
  const problem = interpreterLanguageProblem(value)
  if (problem !== null) throw new BadInput(`--interpreter ${shown}: ${problem}`)
  return value.trim()
}

/** One line for the text output: the need acted on, where it comes from, and what the export says. */
export function describeInterpreter(contact: Contact): string {
  const exportLanguage = contact.exportMainLanguage ?? 'not in the export'
  const exportInterpreter = contact.exportInterpreterRequired === null ? 'not in the export' : contact.exportInterpreterRequired ? 'needed' : 'not needed'
  const exportSays = `the export says: main language ${exportLanguage}, interpreter ${exportInterpreter}`
  if (contact.interpreterLanguage !== null) return `  interpreter: needed (${contact.interpreterLanguage}), recorded in Clinic Recall; ${exportSays}`
  return `  interpreter: none recorded in Clinic Recall, so ${exportSays}`
}
