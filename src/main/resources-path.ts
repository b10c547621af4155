// Where the app's bundled data files live (code lists, IMD lookup, letter templates). The same code
// runs from source (vitest, tsx) and bundled into out/main/*.js by electron-vite, so the folder is
// found by walking up from this module until a folder holding `resources/codelists` appears; a
// packaged Electron app also looks beside its own resources folder.
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

let cached: string | null = null

function moduleFolder(): string | null {
  if (typeof __dirname === 'string') return __dirname
  try {
    return dirname(fileURLToPath(import.meta.url))
  } catch {
    return null
  }
}

function findResourcesFolder(): string {
  const starts = [moduleFolder(), process.cwd()].filter((s): s is string => s !== null)
  for (const start of starts) {
    let folder = resolve(start)
    for (;;) {
      const candidate = join(folder, 'resources')
      if (existsSync(join(candidate, 'codelists'))) return candidate
      const parent = dirname(folder)
      if (parent === folder) break
      folder = parent
    }
  }
  // Packaged Electron: extraResources are copied into process.resourcesPath.
  const packaged = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath
  if (packaged) {
    for (const candidate of [join(packaged, 'resources'), packaged]) {
      if (existsSync(join(candidate, 'codelists'))) return candidate
    }
  }
  throw new Error(`Cannot find the resources folder (looked upwards from ${starts.join(' and ')})`)
}

/** Absolute path of a file or folder inside `resources/`, e.g. `resourcesPath('codelists')`. */
export function resourcesPath(...segments: string[]): string {
  cached ??= findResourcesFolder()
  return join(cached, ...segments)
}
