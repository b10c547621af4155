/** The picked file's bytes as base64, which is how the contract carries uploads (main never takes a path). */
export function readFileAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onerror = () => reject(new Error(`Could not read ${file.name}: ${reader.error?.message ?? 'unknown error'}`))
    reader.onload = () => {
      const url = String(reader.result)
      // A data URL: "data:<mime>;base64,<payload>".
      const comma = url.indexOf(',')
      resolve(comma >= 0 ? url.slice(comma + 1) : '')
    }
    reader.readAsDataURL(file)
  })
}
