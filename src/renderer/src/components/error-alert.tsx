// A failed action or load, shown as the NHS.UK error summary with the service's reason in words.
import { ErrorSummary } from './error-summary'

interface Props {
  message: string | null
  title?: string
  /** See ErrorSummary: false for a failure that arrives while the user is typing elsewhere. */
  moveFocus?: boolean
}

export function ErrorAlert({ message, title = 'There is a problem', moveFocus }: Props) {
  return <ErrorSummary title={title} description={message} moveFocus={moveFocus} />
}
