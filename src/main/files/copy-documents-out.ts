// Copies of recorded documents written where the user asked (`--out`): each target is checked
// against the database, its companions, the backups and the documents folder before anything is
// written, and each copy appears under its name complete or not at all.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { ServiceContext } from '../context'
import { documentPath } from '../documents/document-store'
import { assertSafeOutputFolder, assertSafeOutputPath } from './output-path-guard'
import { copyFileAtomically, fileWriteError } from './write-file-atomically'

type CopyContext = Pick<ServiceContext, 'db' | 'databasePath' | 'documentsFolder'>

function makeFolder(folder: string): void {
  try {
    mkdirSync(folder, { recursive: true })
  } catch (error) {
    throw fileWriteError(folder, error)
  }
}

/** Copies one recorded document to `target`, refusing a target that would damage the practice data. */
export function copyDocumentTo(ctx: CopyContext, fileId: number, target: string, what: string): string {
  const checked = assertSafeOutputPath(ctx, target, what)
  const source = documentPath(ctx, fileId)
  makeFolder(join(checked, '..'))
  copyFileAtomically(source, checked)
  return checked
}

/** Copies recorded documents into `folder` under their own names; every target is checked first. */
export function copyDocumentsInto(ctx: CopyContext, files: readonly { fileId: number; name: string }[], folder: string, what: string): string[] {
  const checkedFolder = assertSafeOutputFolder(ctx, folder, what)
  const targets = files.map((f) => ({ source: documentPath(ctx, f.fileId), target: assertSafeOutputPath(ctx, join(checkedFolder, f.name), what) }))
  makeFolder(checkedFolder)
  for (const { source, target } of targets) copyFileAtomically(source, target)
  return targets.map((t) => t.target)
}
