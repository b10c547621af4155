import { useCallback, useEffect, useState } from 'react'
import { describeError, wasCancelled } from '../api/api-error'

/** Loads data for a screen on mount and whenever `reload()` is called; the latest request wins. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]) {
  const [data, setData] = useState<T | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [loading, setLoading] = useState(true)
  const [version, setVersion] = useState(0)
  // The caller lists what the load depends on, as with useEffect (a reload counter may be among them,
  // so the list is the caller's to make, not the rule's).
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's dependency list, by design
  const stableLoad = useCallback(load, deps)

  useEffect(() => {
    let current = true
    setLoading(true)
    setError(null)
    stableLoad()
      .then((value) => {
        if (current) setData(value)
      })
      .catch((caught: unknown) => {
        if (current && !wasCancelled(caught)) setError(describeError(caught))
      })
      .finally(() => {
        if (current) setLoading(false)
      })
    return () => {
      current = false
    }
  }, [stableLoad, version])

  const reload = useCallback(() => setVersion((value) => value + 1), [])
  return { data, error, loading, reload }
}
