export function ErrorAlert({ message, title = 'There is a problem' }: { message: string | null; title?: string }) {
  if (!message) return null
  return (
    <div className="alert alert-error" role="alert">
      <h3 className="alert-title">{title}</h3>
      <p className="alert-message">{message}</p>
    </div>
  )
}
