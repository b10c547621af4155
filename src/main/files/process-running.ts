// Whether a process is still running, so files it is still writing are left alone. Signal 0 checks
// without sending anything; EPERM means it runs as another user (still running). A reused process
// id can only make a dead writer's leftovers wait for a later check, never remove a live one's.
export function isProcessRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
