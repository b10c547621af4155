// The charts are drawn with recharts, the largest library the window uses. The screens that hold
// them load it when one is first shown (React.lazy), so the first screen never waits for it; this
// is what stands in its place meanwhile.
export function ChartsLoading() {
  return (
    <p className="muted" role="status">
      Loading the charts…
    </p>
  )
}
