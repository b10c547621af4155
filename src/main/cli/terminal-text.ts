// What the CLI prints comes partly from imported files (patient names, code terms, file names), and
// a terminal obeys control characters: ESC [2J clears the screen, BEL rings, backspaces and a
// carriage return overwrite what was printed, bidi overrides (U+202E) show text reversed. A
// hostile export could hide a warning or forge a line that way. Every text line the CLI writes
// goes through forTerminal; JSON output goes through jsonForTerminal.

/** Shown in place of each character that would steer the terminal: visible, and clearly not a letter. */
export const terminalPlaceholder = '\uFFFD'

// C0 controls except tab and newline (which the CLI's own layout uses), DEL, C1 controls (U+009B
// is a one-character CSI), the Arabic letter mark, left-to-right/right-to-left marks, the bidi
// embeddings/overrides (U+202A–U+202E) and isolates (U+2066–U+2069), and the Unicode line and
// paragraph separators (some terminals break the line there). Replacing ESC alone is enough to
// disarm an escape sequence; the rest of it then prints as plain text ("[2J"), which shows staff
// that the value is odd rather than hiding it.
// eslint-disable-next-line no-control-regex
const steering = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g

/** `text` with every terminal-steering character replaced by the placeholder; \n and \t kept. */
export function forTerminal(text: string): string {
  return text.replace(steering, terminalPlaceholder)
}

/**
 * JSON text for a terminal or a pipe: JSON.stringify already escapes C0 controls, but leaves C1
 * controls, bidi characters and the line separators raw. Those can only occur inside strings, so
 * writing them as \uXXXX escapes keeps exactly the same JSON value.
 */
export function jsonForTerminal(json: string): string {
  return json.replace(steering, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** The CLI's output streams with every write passed through forTerminal (JSON, already escaped, is unchanged by it). */
export function terminalSafeIo<T extends { stdout(text: string): void; stderr(text: string): void }>(io: T): T {
  return { ...io, stdout: (text: string) => io.stdout(forTerminal(text)), stderr: (text: string) => io.stderr(forTerminal(text)) }
}
