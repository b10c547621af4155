// IPC channel names for the desktop shell: one channel per contract operation, never a generic one.
export const ipcChannelPrefix = 'clinic-recall:'

export function ipcChannelFor(operation: string): string {
  return `${ipcChannelPrefix}${operation}`
}
