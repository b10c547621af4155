import { api } from '../api/client'
import { useLoad } from './use-load'

/** Warnings about the database itself (it is on a network drive; today's backup failed), on every screen. */
export function DatabaseWarningsBanner() {
  const session = useLoad(() => api['session.get']({}), [])
  const warnings = session.data?.warnings ?? []
  if (warnings.length === 0) return null
  return (
    <div className="alert alert-warning" role="alert">
      <h3 className="alert-title">Check the practice database</h3>
      {warnings.map((w) => (
        <p key={w} className="alert-message">
          {w}
        </p>
      ))}
    </div>
  )
}
