import { describe, expect, it } from 'vitest'
import { isAllowedNavigation, isAppUrl, rendererFileFor } from '../../src/main/electron/navigation-policy'

describe('desktop navigation policy', () => {
  it('allows only our own app:// origin', () => {
    expect(isAllowedNavigation('app://clinic-recall/index.html')).toBe(true)
    expect(isAllowedNavigation('app://clinic-recall/')).toBe(true)
  })

  it('blocks web pages, files and look-alike hosts (parsed, not substring-matched)', () => {
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:4317/',
      'file:///etc/passwd',
      'app://clinic-recall.evil.com/index.html',
      'app://evil.com/app://clinic-recall/',
      'https://evil.com/?app://clinic-recall/',
      'app://user:pass@clinic-recall/index.html',
      'javascript:alert(1)',
      'not a url'
    ]) {
      expect(isAllowedNavigation(url), url).toBe(false)
    }
  })

  it('maps app:// paths to files inside the renderer folder and refuses traversal', () => {
    expect(rendererFileFor('app://clinic-recall/')).toBe('index.html')
    expect(rendererFileFor('app://clinic-recall/assets/index-abc.js')).toBe('assets/index-abc.js')
    // Dot segments are resolved by the URL parser (they cannot climb above the root) …
    expect(rendererFileFor('app://clinic-recall/%2e%2e/%2e%2e/secret')).toBe('secret')
    // … and encoded slashes that would decode to a climb are refused.
    expect(rendererFileFor('app://clinic-recall/..%2f..%2fsecret')).toBeNull()
    expect(rendererFileFor('https://clinic-recall/index.html')).toBeNull()
    expect(isAppUrl('app://clinic-recall/index.html')).toBe(true)
  })
})
