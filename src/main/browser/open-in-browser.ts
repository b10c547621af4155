// Opening browser mode for the person who started it: `npm start` (without Electron) and `npm run
// serve` open the default browser at the address with its launch token, so nobody has to copy a
// long token from the terminal. Never where nobody is watching a screen: `--no-open`, the
// CLINIC_RECALL_NO_OPEN variable, CI, or a Linux machine with no display all skip it, and the
// address is printed either way. The `open` package does the opening (it ships its own xdg-open
// and handles Windows, macOS and WSL quoting); nothing is downloaded.

export interface OpenChoice {
  open: boolean
  /** Why not, for the terminal; null when the browser is opened. */
  skipped: string | null
}

const truthy = (value: string | undefined) => value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false'

/** Whether to open the browser, from `--no-open`, the environment and the platform. */
export function browserOpenChoice(noOpen: boolean, env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): OpenChoice {
  if (noOpen) return { open: false, skipped: '--no-open' }
  if (truthy(env.CLINIC_RECALL_NO_OPEN)) return { open: false, skipped: 'CLINIC_RECALL_NO_OPEN is set' }
  if (truthy(env.CI)) return { open: false, skipped: 'running under CI' }
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return { open: false, skipped: 'no display' }
  return { open: true, skipped: null }
}

/** Opens `url` in the default browser; a failure is reported in words, never thrown (the address is already printed). */
export async function openInBrowser(url: string): Promise<string | null> {
  try {
    const { default: open } = await import('open')
    const child = await open(url)
    // The browser's launcher must not keep the server's terminal waiting, nor crash it if it fails.
    child.on('error', () => undefined)
    child.unref()
    return null
  } catch (error) {
    return `Could not open the browser (${error instanceof Error ? error.message : String(error)}): open the address above yourself.`
  }
}
