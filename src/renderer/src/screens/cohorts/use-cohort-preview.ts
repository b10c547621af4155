// The Cohorts screen's live preview. When a build setting changes, the cohort shown is previewed
// again with the latest settings once the user pauses (cohorts.preview: counts for everyone and the
// first patients, nothing stored — saving a snapshot on every switch filled the database with
// snapshots nobody chose and took over a second at 100k patients). One preview runs at a time; if
// the settings change while it runs, its answer is dropped and one more runs with the settings as
// they are then.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { OperationInput } from '../../../../shared/contract'
import { api } from '../../api/client'
import { describeError } from '../../api/api-error'
import type { BuildSettings } from './build-params'
import { type PreviewInput, type ShownCohort, shownPreview } from './shown-cohort'

/** Setting changes preview the cohort again once the user pauses (the preview itself is fast). */
const LIVE_REBUILD_DELAY_MS = 400
/** How many members and excluded patients a preview lists (the counts are always for everyone). */
const PREVIEW_LIMIT = 500

export type BuildInput = PreviewInput & OperationInput<'cohorts.build'>

export function useCohortPreview(settings: BuildSettings) {
  // The settings of the latest render: a preview that starts later reads them, not the ones it was asked with.
  const latest = useRef(settings)
  latest.current = settings
  const building = useRef(false)
  const again = useRef(false)
  const [preview, setPreview] = useState<ShownCohort | null>(null)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [requests, setRequests] = useState(0)

  /** The build input for the settings as they stand; throws, in words, while they are incomplete. */
  const currentInput = useCallback((): BuildInput => {
    const current = latest.current
    if (current.definition === '') throw new Error('Choose a cohort definition first.')
    if (!/^\d{4}-\d{2}-\d{2}$/.test(current.asOf)) throw new Error('As-of date: enter a full date.')
    return { definition: current.definition, asOf: current.asOf, mode: current.mode, params: current.params }
  }, [])

  const previewNow = useCallback(async () => {
    if (building.current) {
      again.current = true
      return
    }
    building.current = true
    setLoading(true)
    setError(null)
    try {
      do {
        again.current = false
        const input = currentInput()
        const result = await api['cohorts.preview']({ ...input, limit: PREVIEW_LIMIT })
        if (!again.current) setPreview(shownPreview(result, input))
      } while (again.current)
    } catch (caught) {
      setError(describeError(caught))
    } finally {
      building.current = false
      setLoading(false)
    }
  }, [currentInput])

  useEffect(() => {
    if (requests === 0) return
    const timer = setTimeout(() => void previewNow(), LIVE_REBUILD_DELAY_MS)
    return () => clearTimeout(timer)
  }, [requests, previewNow])

  /** Preview again after the pause; each further request before it restarts the wait. */
  const requestPreview = useCallback(() => setRequests((count) => count + 1), [])
  /** Stop showing the preview (a saved snapshot is shown instead). */
  const clearPreview = useCallback(() => setPreview(null), [])

  return { preview, loading, error, requestPreview, clearPreview, currentInput }
}
