// Drives one background import from the Import screen: start it (the files are read in a worker in
// main), poll `imports.progress` for the bar until the preview is ready, commit while still polling,
// and cancel at any point. The database is only written by the commit, and a cancel during the
// commit rolls it back, so every way out of here leaves the practice data as it was or fully imported.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { ImportPreviewT, ImportProgressT, ImportResultT, OperationInput } from '../../../../shared/contract'
import { api } from '../../api/client'
import { describeError } from '../../api/api-error'

/** How often the bar asks main where the import is. */
const pollMs = 250

export interface ImportJobState {
  progress: ImportProgressT | null
  preview: ImportPreviewT | null
  result: ImportResultT | null
  error: string | null
  /** Reading or saving: the Cancel button shows. */
  running: boolean
}

const idle: ImportJobState = { progress: null, preview: null, result: null, error: null, running: false }

export function useImportJob() {
  const [state, setState] = useState<ImportJobState>(idle)
  const jobId = useRef<string | null>(null)
  const timer = useRef<number | null>(null)
  // How to finish the poll in progress early. Stopping the timer alone left its promise waiting for
  // a tick that never came, so "Preview import" stayed "Checking files…" for ever after Cancel.
  const abandonPoll = useRef<(() => void) | null>(null)

  const stopPolling = useCallback(() => {
    if (timer.current !== null) window.clearTimeout(timer.current)
    timer.current = null
    const abandon = abandonPoll.current
    abandonPoll.current = null
    abandon?.()
  }, [])
  useEffect(() => stopPolling, [stopPolling])

  /** Polls until the job leaves the given phases; resolves with the last progress, or null when stopped (cancel, other files). */
  const pollWhile = useCallback(
    (id: string, phases: readonly ImportProgressT['phase'][]) =>
      new Promise<ImportProgressT | null>((resolve, reject) => {
        let settled = false
        const finish = (progress: ImportProgressT | null) => {
          if (settled) return
          settled = true
          if (abandonPoll.current === abandon) abandonPoll.current = null
          resolve(progress)
        }
        const abandon = () => finish(null)
        abandonPoll.current = abandon
        const tick = () => {
          api['imports.progress']({ jobId: id })
            .then((progress) => {
              if (settled) return
              // Cancelled or replaced meanwhile: finish quietly.
              if (jobId.current !== id) return finish(null)
              setState((s) => ({ ...s, progress }))
              if (phases.includes(progress.phase)) timer.current = window.setTimeout(tick, pollMs)
              else finish(progress)
            })
            .catch((error: unknown) => {
              if (settled) return
              settled = true
              reject(error instanceof Error ? error : new Error(String(error)))
            })
        }
        tick()
      }),
    []
  )

  const start = useCallback(
    async (
      files: { name: string; contentBase64: string }[],
      format: 'auto' | 'emis' | 'systmone',
      mappings: OperationInput<'imports.start'>['mappings'] = []
    ) => {
      stopPolling()
      setState({ ...idle, running: true })
      try {
        const { jobId: id } = await api['imports.start']({ files, format, mappings })
        jobId.current = id
        const last = await pollWhile(id, ['reading', 'checking'])
        // Stopped by Cancel or by choosing other files: the screen is already back to its start.
        if (last === null || jobId.current !== id) return
        setState((s) => ({
          ...s,
          running: false,
          preview: last.phase === 'ready' ? last.preview : null,
          error: last.phase === 'failed' ? (last.error?.message ?? 'The files could not be read') : null
        }))
      } catch (error) {
        setState((s) => ({ ...s, running: false, error: describeError(error) }))
      }
    },
    [pollWhile, stopPolling]
  )

  const commit = useCallback(async () => {
    const id = jobId.current
    if (!id) return
    setState((s) => ({ ...s, running: true, error: null }))
    const polling = pollWhile(id, ['committing', 'ready']).catch(() => null)
    try {
      const result = await api['imports.commit']({ previewId: id })
      stopPolling()
      setState((s) => ({ ...s, running: false, preview: null, result }))
    } catch (error) {
      stopPolling()
      const last = await api['imports.progress']({ jobId: id }).catch(() => null)
      setState((s) => ({
        ...s,
        running: false,
        progress: last ?? s.progress,
        // After a cancel the preview is gone; after any other failure it stays so Import can be retried.
        preview: last?.phase === 'ready' ? s.preview : null,
        error: describeError(error)
      }))
    }
    void polling
  }, [pollWhile, stopPolling])

  const cancel = useCallback(async () => {
    const id = jobId.current
    if (!id) return
    const answer = await api['imports.cancel']({ jobId: id }).catch((error: unknown) => ({ cancelled: false, message: describeError(error) }))
    const last = await api['imports.progress']({ jobId: id }).catch(() => null)
    // Other files chosen while the cancel was on its way: the screen has moved on, and showing
    // "Cancelled" over the new choice would be about the wrong files.
    if (jobId.current !== id) return
    if (last && last.phase === 'cancelled') {
      stopPolling()
      jobId.current = null
      setState({ ...idle, progress: last, error: null })
    } else if (!answer.cancelled) {
      setState((s) => ({ ...s, error: answer.message }))
    }
  }, [stopPolling])

  const reset = useCallback(() => {
    stopPolling()
    // A preview nobody will commit (other files chosen) is let go in main too, freeing its memory.
    const id = jobId.current
    if (id) void api['imports.cancel']({ jobId: id }).catch(() => undefined)
    jobId.current = null
    setState(idle)
  }, [stopPolling])

  return { ...state, jobId: jobId.current, start, commit, cancel, reset }
}
