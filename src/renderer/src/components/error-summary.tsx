// The NHS.UK error summary (nhsuk-frontend's pattern): at the top of what failed, a heading saying
// there is a problem and each problem in words, as a link to the field that needs changing when
// there is one. It takes focus and scrolls into view when it appears or its problems change, so the
// first thing a keyboard or screen-reader user meets after pressing a button is what went wrong.
// The role="alert" sits on an inner box, as the design system does, so the announcement is not lost
// in the focus move.
import { useId, type MouseEvent } from 'react'
import { useReveal } from './use-reveal'

export interface SummaryProblem {
  message: string
  /** The id of the control to correct; the problem becomes a link that moves the cursor there. */
  fieldId?: string
}

interface Props {
  title: string
  /** One sentence about the failure as a whole (a refusal from the service). */
  description?: string | null
  problems?: readonly SummaryProblem[]
  /** False for a problem that appears while the user is typing elsewhere (a live preview): not worth taking the cursor from them. */
  moveFocus?: boolean
  /**
   * For a summary that follows the typing (problems disappear as they are corrected): focus moves
   * only when this changes (a save attempt counter), not on every keystroke.
   */
  focusOn?: number
}

/** Moves the cursor to the control to correct: a group's first control when the id names a group or heading. */
function focusField(event: MouseEvent<HTMLAnchorElement>, fieldId: string): void {
  const target = document.getElementById(fieldId)
  if (!target) return
  event.preventDefault()
  const controls = 'input, select, textarea, button'
  // A heading names its section: the section's first control.
  const control = target.matches(controls)
    ? target
    : (target.querySelector<HTMLElement>(controls) ?? target.parentElement?.querySelector<HTMLElement>(controls) ?? null)
  const focusable = control ?? target
  focusable.scrollIntoView({ block: 'center' })
  focusable.focus({ preventScroll: true })
}

export function ErrorSummary({ title, description, problems = [], moveFocus = true, focusOn }: Props) {
  const headingId = useId()
  const shown = Boolean(description) || problems.length > 0
  const content = [description ?? '', ...problems.map((p) => p.message)].join('\n')
  // Without `focusOn`, focus moves whenever problems appear or change. With it, only on a new
  // attempt: a summary that reappears as the user types elsewhere leaves their cursor alone.
  const box = useReveal<HTMLDivElement>(!moveFocus ? null : focusOn !== undefined ? focusOn : shown ? content : null, 'nearest')
  if (!shown) return null
  return (
    <div className="nhsuk-error-summary" ref={box} tabIndex={-1} aria-labelledby={headingId}>
      <div role="alert">
        <h2 className="nhsuk-error-summary__heading" id={headingId}>
          {title}
        </h2>
        <div className="nhsuk-error-summary__body">
          {description && <p>{description}</p>}
          {problems.length > 0 && (
            <ul className="nhsuk-list nhsuk-error-summary__list">
              {problems.map((p) => (
                <li key={`${p.fieldId ?? ''}-${p.message}`}>
                  {p.fieldId ? (
                    <a href={`#${p.fieldId}`} onClick={(event) => focusField(event, p.fieldId as string)}>
                      {p.message}
                    </a>
                  ) : (
                    p.message
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </div>
  )
}
