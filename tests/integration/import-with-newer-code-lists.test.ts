// An export imported with older code lists is read again when the same file is imported with newer
// ones: codes the old lists did not know are stored, readings stored without their kind get it, and
// nothing already stored is stored twice. With the same lists, the same file changes nothing.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { loadCodeLibrary } from '../../src/main/codelists/load-code-library'
import { assembleImport } from '../../src/main/import/map/assemble-import'
import { importFiles } from '../../src/main/import/import-service'
import { readExportFile } from '../../src/main/import/read/read-export-file'
import { createTestContext, type TestContext } from '../support/test-context'

const bytes = new Uint8Array(readFileSync(join(__dirname, '../fixtures/imports/emis-events-hypertension.csv')))
const emis = () => ({ name: 'emis.csv', bytes })

let ctx: TestContext
afterEach(() => ctx?.cleanup())

describe('the code lists are part of what makes an import the same', () => {
  test('the same file read with lists of another version has another content hash', () => {
    const library = loadCodeLibrary()
    const read = (version: string) =>
      assembleImport([readExportFile(emis(), { library: { ...library, version }, today: '2026-11-22', format: 'auto' })]).contentHash
    expect(read('lists-a')).toBe(read('lists-a'))
    expect(read('lists-a')).not.toBe(read('lists-b'))
  })

  test('re-importing after a code-list upgrade adds the newly known codes and classifies old readings without copies', () => {
    ctx = createTestContext({ now: '2026-11-22T09:00:00.000Z' })
    const first = importFiles(ctx, [emis()], 'auto')
    expect(first.alreadyImported).toBe(false)
    const readings = (ctx.db.prepare('SELECT COUNT(*) AS n FROM bp_readings').get() as { n: number }).n
    // As a database imported before BP kinds and the BMI list existed would be: no kinds, no BMI
    // event, and the import recorded under the older lists' content hash.
    ctx.db.exec("UPDATE bp_readings SET measure = NULL; DELETE FROM coded_events WHERE concept = 'BMI'; UPDATE imports SET content_hash = 'older code lists'")

    const again = importFiles(ctx, [emis()], 'auto')
    expect(again.alreadyImported).toBe(false)
    expect(again.readingsAdded).toBe(0)
    expect(again.eventsAdded).toBe(1)
    expect((ctx.db.prepare('SELECT COUNT(*) AS n FROM bp_readings').get() as { n: number }).n).toBe(readings)
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM bp_readings WHERE measure IS NULL').get()).toEqual({ n: 0 })
    expect(ctx.db.prepare("SELECT value FROM coded_events WHERE concept = 'BMI'").get()).toEqual({ value: 31.2 })

    const third = importFiles(ctx, [emis()], 'auto')
    expect(third).toMatchObject({ alreadyImported: true, readingsAdded: 0, eventsAdded: 0 })
  })
})
