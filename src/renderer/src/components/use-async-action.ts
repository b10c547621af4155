import { useCallback, useRef, useState } from 'react'
import { describeError, wasCancelled } from '../api/api-error'

/**
 * Runs one async action at a time: `busy` disables the button and switches its label, `error` feeds
 * the visible alert. Returns the action's value, or undefined when it failed.
 */
export function useAsyncAction() {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const running = useRef(false)

  const run = useCallback(async <T>(action: () => Promise<T>): Promise<T | undefined> => {
    if (running.current) return undefined
    running.current = true
    setBusy(true)
    setError(null)
    try {
      return await action()
    } catch (caught) {
      // A cancelled action is what the user asked for, not a failure: no red alert.
      if (!wasCancelled(caught)) setError(describeError(caught))
      return undefined
    } finally {
      running.current = false
      setBusy(false)
    }
  }, [])

  return { run, busy, error, setError }
}
