// One labelled control of a form, NHS.UK style: the label, the control, a hint and (when the value is
// wrong) an error message. The control is handed the attributes that tie them together: its id (the
// label's `for`), `aria-describedby` naming the hint and the error, and `aria-invalid` while in error.
// The hint sits under the control, where this app has always shown it.
import type { ReactNode } from 'react'

/** What the control must spread onto itself: `<input {...control} />`. */
export interface FieldControlProps {
  id: string
  'aria-describedby'?: string
  'aria-invalid'?: true
}

interface Props {
  id: string
  label: ReactNode
  hint?: ReactNode
  /** Shown, and the field marked invalid, while set. */
  error?: ReactNode
  /** Ids of other elements that describe the control, e.g. a note outside the field. */
  describedBy?: string
  /** The field's width in a form row: 'wide' grows into the space, 'narrow' is for a number. */
  width?: 'wide' | 'narrow'
  control: (props: FieldControlProps) => ReactNode
  /** Anything else that belongs to the field, under it (a datalist, a live count, buttons about the value). */
  children?: ReactNode
}

export function FormField({ id, label, hint, error, describedBy, width, control, children }: Props) {
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = error ? `${id}-error` : undefined
  const describedByIds = [hintId, errorId, describedBy].filter(Boolean).join(' ')
  const classes = ['nhsuk-form-group', 'field', width && `field-${width}`, error && 'nhsuk-form-group--error'].filter(Boolean).join(' ')
  return (
    <div className={classes}>
      <label className="nhsuk-label" htmlFor={id}>
        {label}
      </label>
      {control({ id, ...(describedByIds ? { 'aria-describedby': describedByIds } : {}), ...(error ? { 'aria-invalid': true as const } : {}) })}
      {hint && (
        <div className="nhsuk-hint" id={hintId}>
          {hint}
        </div>
      )}
      {error && (
        <p className="nhsuk-error-message" id={errorId}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      )}
      {children}
    </div>
  )
}
