import { useEffect, useRef } from 'react'
import { api } from '../../api/client'
import { useLoad } from '../../components/use-load'
import { CodeListsCard } from './code-lists-card'
import { TermOnlyMatchesCard } from './term-only-matches-card'
import { UnmatchedCodesCard } from './unmatched-codes-card'
import { scrollToAndHold, takeCodeLibraryRequest } from './open-code-library'
import '../../styles/code-library.css'

/** Settings › Code library: the lists the app reads exports with, and what in the practice's data they did not cover. */
export function CodeLibrarySection() {
  const library = useLoad(() => api['codes.library']({}), [])
  const unmatched = useLoad(() => api['codes.unmatched']({}), [])
  const anchor = useRef<HTMLDivElement>(null)
  const loaded = library.data !== null && unmatched.data !== null

  useEffect(() => {
    if (loaded && anchor.current && takeCodeLibraryRequest()) scrollToAndHold(anchor.current)
  }, [loaded])

  return (
    <div id="code-library" ref={anchor} className="code-library">
      <CodeListsCard lists={library.data?.lists ?? null} error={library.error} />
      <UnmatchedCodesCard codes={unmatched.data?.codes ?? null} error={unmatched.error} />
      <TermOnlyMatchesCard matches={unmatched.data?.termOnly ?? null} />
    </div>
  )
}
