// A receptionist imports an export that has problems in it: the preview lists the rejected rows
// (with the exported value) and the conflicting ones, the rejects download as a CSV the practice can
// fix from (formulas neutralised), the import is committed and shows in Import history with who ran
// it, its rejects CSV and the backup taken first. A large file shows the progress bar and can be
// cancelled with nothing imported, leaving the screen ready for another file.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { generateSyntheticEmisExport } from '../../src/main/demo/synthetic-export'
import { nhsCheckDigit } from '../../src/shared/domain/nhs-number'
import { expect, test } from './support/clinic-recall-host'
import { navigate, screenshotter, signIn } from './support/screens'

const snap = screenshotter('import-rejects-')

function nhs(n: number): string {
  for (let k = n * 3; ; k++) {
    const nine = `999${String(k).padStart(6, '0')}`
    const check = nhsCheckDigit(nine)
    if (check !== null) return `${nine}${check}`
  }
}

function exportWithProblems(dir: string): string {
  const lines = [
    'Report Name:,BP recall list',
    'Run Date:,12-Nov-2026',
    '',
    'NHS Number,Family Name,Calling Name,Date of Birth,Gender,Systolic BP,Diastolic BP,BP Date',
    `${nhs(1)},SMITH,Jane,05/03/1958,F,152,94,03/10/2026`,
    `${nhs(2)},"=HYPERLINK(""http://example.invalid"",""Click me"")",Ann,01/01/1960,F,148,92,03/10/2026`,
    `1234567890,JONES,Bob,01/01/1960,M,150,90,03/10/2026`,
    `${nhs(3)},PATEL,Ravi,12/07/1971,M,420,90,03/10/2026`,
    `${nhs(1)},SMITH,Jane,06/03/1958,F,,,`
  ]
  const path = join(dir, 'november-bp-list.csv')
  writeFileSync(path, `${lines.join('\r\n')}\r\n`)
  return path
}

test('rejected rows are shown, downloaded as CSV, committed and listed in history with who ran it', async ({ page, freshHost: host }) => {
  const file = exportWithProblems(host.workDir)

  await signIn(page, host.url, 'Priya Shah', 'Admin')
  await navigate(page, 'Import')

  await test.step('the preview lists the rejects with their values, and the conflict', async () => {
    await page.getByLabel('Export files').setInputFiles(file)
    await page.getByRole('button', { name: 'Preview import' }).click()
    await expect(page.getByRole('heading', { name: '2. Check the preview' })).toBeVisible()
    const rejected = page.getByRole('table', { name: 'Rejected rows' })
    await expect(rejected.getByRole('row')).toHaveCount(3)
    await expect(rejected).toContainText('1234567890')
    await expect(rejected).toContainText('420')
    const conflicts = page.getByRole('table', { name: 'Conflicting rows' })
    await expect(conflicts).toContainText('two dates of birth')
    await expect(page.getByText(/1 row\(s\) disagree with an earlier row/)).toBeVisible()
    await snap(page, '01-preview')
  })

  await test.step('the rejects download as a CSV with formulas neutralised', async () => {
    const downloading = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Download rejected rows (CSV)' }).first().click()
    const download = await downloading
    expect(download.suggestedFilename()).toBe('import-preview-rejected-rows.csv')
    const text = readFileSync(await download.path(), 'utf8')
    expect(text).toContain('File,Row,Column,Value,Reason,Imported')
    expect(text).toMatch(/november-bp-list\.csv,7,NHS Number,1234567890,/)
    expect(text).toMatch(/november-bp-list\.csv,8,Systolic BP,420,/)
    expect(text).toMatch(/november-bp-list\.csv,9,Date of Birth,06\/03\/1958,.*yes - check the record/)
  })

  await test.step('commit, and see the import in history with who ran it', async () => {
    await page.getByRole('button', { name: /^Import 3 patients$/ }).click()
    await expect(page.getByRole('heading', { name: 'Import complete' })).toBeVisible()
    const history = page.getByRole('table', { name: 'Import history' })
    await expect(history.getByRole('row')).toHaveCount(2)
    const row = history.getByRole('row').nth(1)
    await expect(row).toContainText('Priya Shah')
    await expect(row).toContainText('november-bp-list.csv')
    await expect(row).toContainText('12 Nov 2026')
    await expect(page.getByRole('table', { name: 'Backups' }).getByRole('row')).toHaveCount(2)
    await snap(page, '02-committed-history')
    const downloading = page.waitForEvent('download')
    await row.getByRole('button', { name: 'CSV' }).click()
    const download = await downloading
    expect(download.suggestedFilename()).toBe('import-1-rejected-rows.csv')
    expect(readFileSync(await download.path(), 'utf8')).toMatch(/,8,Systolic BP,420,/)
  })
})

test('a large import shows its progress and can be cancelled with nothing imported, then another file previewed', async ({ page, freshHost: host }) => {
  const big = join(host.workDir, 'whole-practice.csv')
  writeFileSync(big, generateSyntheticEmisExport({ patients: 8_000, seed: 9, asOf: '2026-11-01' }).csv)
  await signIn(page, host.url, 'Priya Shah', 'Admin')
  await navigate(page, 'Import')
  await page.getByLabel('Export files').setInputFiles(big)
  // Reading may finish in a second or two on a fast machine: after the first progress answer, the
  // next ones are held back a while so the bar is still there to be seen and cancelled.
  let progressCalls = 0
  let holdBack = true
  await page.route('**/api/imports.progress', async (route) => {
    progressCalls++
    if (holdBack && progressCalls > 1) await new Promise((r) => setTimeout(r, 3_000))
    await route.continue()
  })
  await page.getByRole('button', { name: 'Preview import' }).click()
  // The page stays usable while main reads the file in its worker: the bar shows, with Cancel.
  const bar = page.getByRole('progressbar', { name: /Reading whole-practice\.csv|Starting/ })
  await expect(bar).toBeVisible({ timeout: 30_000 })
  await expect(page.getByRole('status').filter({ has: bar })).toContainText(/\d+\.\d MB/)
  await snap(page, '03-progress')
  await page.getByRole('button', { name: 'Cancel import' }).click()
  await expect(page.getByText('Cancelled: nothing was imported')).toBeVisible()
  await expect(page.getByRole('heading', { name: '2. Check the preview' })).toHaveCount(0)
  await expect(page.getByRole('region', { name: 'Import history' })).not.toContainText('whole-practice.csv')
  // Back to a clean start: the button is "Preview import" again (not stuck on "Checking files…").
  const previewButton = page.getByRole('button', { name: 'Preview import' })
  await expect(previewButton).toBeEnabled()
  await expect(page.getByRole('button', { name: 'Checking files…' })).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Cancel import' })).toHaveCount(0)
  await snap(page, '04-cancelled')

  // Another file, answered at full speed: the screen reads and previews it as from fresh.
  holdBack = false
  await page.getByLabel('Export files').setInputFiles(exportWithProblems(host.workDir))
  await expect(page.getByText('Cancelled: nothing was imported')).toHaveCount(0)
  await previewButton.click()
  await expect(page.getByRole('heading', { name: '2. Check the preview' })).toBeVisible()
  await expect(page.getByRole('button', { name: /^Import 3 patients$/ })).toBeVisible()

  // Cancel beside Import lets the preview go without writing anything; the files stay chosen.
  await page.getByRole('button', { name: 'Cancel', exact: true }).click()
  await expect(page.getByRole('heading', { name: '2. Check the preview' })).toHaveCount(0)
  await expect(page.getByRole('region', { name: 'Import history' })).toContainText('No imports yet')
  await expect(previewButton).toBeEnabled()
})
