import type { AuditSummaryT } from '../../../../shared/contract'

/** How each figure of the audit was worked out, in the service's own words (they travel with the numbers). */
export function AuditRules({ rules }: { rules: AuditSummaryT['rules'] }) {
  if (rules.length === 0) return null
  return (
    <dl className="audit-rules">
      {rules.map((rule) => (
        <div key={rule.measure} className="audit-rule">
          <dt>{rule.measure}</dt>
          <dd>{rule.rule}</dd>
        </div>
      ))}
    </dl>
  )
}
