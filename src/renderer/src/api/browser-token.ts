// Browser mode: the host prints `http://127.0.0.1:PORT/#token=…`. The token is read once from the
// fragment, kept in sessionStorage (survives a reload of this tab, not a new browser session) and
// removed from the address bar so it is not left in history or shown over someone's shoulder.
const storageKey = 'clinic-recall-token'

export function takeBrowserToken(): string | null {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash)
  if (match?.[1]) {
    const token = decodeURIComponent(match[1])
    window.sessionStorage.setItem(storageKey, token)
    window.history.replaceState(null, '', window.location.pathname + window.location.search)
    return token
  }
  return window.sessionStorage.getItem(storageKey)
}
