/** 1536000 → "1.5 MB": backups and exports are sized in megabytes, one decimal. */
export function formatMegabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}
