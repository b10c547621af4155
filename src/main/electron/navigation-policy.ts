// The renderer is served from our own scheme and may never navigate anywhere else or open windows.
// URLs are parsed, never matched as substrings (architecture: "Not to copy").
export const appScheme = 'app'
export const appHost = 'clinic-recall'
export const appOrigin = `${appScheme}://${appHost}`

export function isAppUrl(rawUrl: string): boolean {
  let url: URL
  try {
    url = new URL(rawUrl)
  } catch {
    return false
  }
  return url.protocol === `${appScheme}:` && url.host === appHost && url.username === '' && url.password === ''
}

/** In-app navigation (e.g. a reload of index.html) is the only navigation allowed. */
export function isAllowedNavigation(rawUrl: string): boolean {
  return isAppUrl(rawUrl)
}

/** Maps an app:// request to a file path inside the renderer folder, or null if it would escape it. */
export function rendererFileFor(rawUrl: string): string | null {
  if (!isAppUrl(rawUrl)) return null
  const url = new URL(rawUrl)
  const path = decodeURIComponent(url.pathname)
  if (path.split('/').some((segment) => segment === '..')) return null
  const relative = path === '/' || path === '' ? 'index.html' : path.replace(/^\/+/, '')
  return relative
}
