// The column-mapping screen in a real browser: a practice's own spreadsheet layout (no "NHS Number"
// caption) is refused with a clear message and the mapping form; the user says which column is
// what, previews, imports (one row has a bad NHS number: shown as a rejected row); a second file
// with the same columns then uses the saved mapping without asking, and the preview says so.
import { join } from 'node:path'
import { expect, projectRoot, test } from './support/clinic-recall-host'
import { screenshotter } from './support/screens'

const layoutFolder = join(projectRoot, 'tests/fixtures/imports/custom-layout')

const snap = screenshotter('import-mapping-')

test('an unknown layout is mapped once, imported, and the mapping is reused for the next file', async ({ page, freshHost }) => {
  const pageErrors: string[] = []
  page.on('pageerror', (error) => pageErrors.push(error.message))

  await page.goto(freshHost.url)
  await page.getByLabel('Your name').fill('Sam Reception')
  await page.getByLabel(/^Admin/).check()
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Import', exact: true }).click()

  await test.step('the unknown layout is explained and the mapping form opens', async () => {
    await page.getByLabel('Export files').setInputFiles(join(layoutFolder, 'practice-bp-list-november.csv'))
    await page.getByRole('button', { name: 'Preview import' }).click()
    await expect(page.getByRole('alert')).toContainText('has no NHS number column')
    await expect(page.getByRole('alert')).toContainText('Population Reporting')
    await expect(page.getByRole('heading', { name: 'Map the columns of practice-bp-list-november.csv' })).toBeVisible()
    const table = page.getByRole('table', { name: 'Column mapping' })
    await expect(table.getByRole('row', { name: /Patient Identifier/ })).toContainText('999 000 0018')
    // Captions the importer knows are already chosen.
    await expect(page.getByLabel('Surname')).toHaveValue('patient.familyName')
    await expect(page.getByText('Choose the column that holds the NHS number.')).toBeVisible()
    await expect(page.getByRole('button', { name: 'Save mapping and preview' })).toBeDisabled()
    await snap(page, '01-unknown-layout')
  })

  await test.step('map the columns, then preview with the mapping', async () => {
    await page.getByLabel('Patient Identifier').selectOption({ label: 'NHS number' })
    await page.getByLabel('Given').selectOption({ label: 'Given name (forename)' })
    await page.getByLabel('Birth').selectOption({ label: 'Date of birth' })
    await page.getByLabel('Sys', { exact: true }).selectOption({ label: 'Systolic BP' })
    await page.getByLabel('Dia', { exact: true }).selectOption({ label: 'Diastolic BP' })
    await page.getByLabel('Taken on').selectOption({ label: 'BP reading date' })
    await page.getByLabel('Post code area').selectOption({ label: 'Postcode' })
    await snap(page, '02-columns-mapped')
    await page.getByRole('button', { name: 'Save mapping and preview' }).click()
    await expect(page.getByRole('heading', { name: '2. Check the preview' })).toBeVisible()
    await page.getByText(/^Columns mapped/).click()
    const fileCard = page.getByRole('region', { name: 'File: practice-bp-list-november.csv' })
    await expect(fileCard).toContainText('Your own layout, read with a column mapping')
    await expect(fileCard).toContainText('Using your saved mapping for this layout')
    await expect(fileCard.getByRole('row', { name: /Sys/ }).first()).toContainText('Systolic BP')
    const rejected = page.getByRole('table', { name: 'Rejected rows' })
    await expect(rejected).toContainText('Modulus 11')
    await snap(page, '03-preview-with-mapping')
  })

  await test.step('commit', async () => {
    await page.getByRole('button', { name: 'Import 2 patients' }).click()
    await expect(page.getByRole('heading', { name: 'Import complete' })).toBeVisible()
    await snap(page, '04-imported')
  })

  await test.step('a second file with the same layout uses the saved mapping without asking', async () => {
    await page.getByLabel('Export files').setInputFiles(join(layoutFolder, 'practice-bp-list-later.csv'))
    await page.getByRole('button', { name: 'Preview import' }).click()
    await expect(page.getByRole('heading', { name: '2. Check the preview' })).toBeVisible()
    await expect(page.getByRole('heading', { name: /Map the columns/ })).toHaveCount(0)
    await page.getByText(/^Columns mapped/).click()
    const fileCard = page.getByRole('region', { name: 'File: practice-bp-list-later.csv' })
    await expect(fileCard).toContainText(/Using your saved mapping for this layout \(saved \d{4}-\d{2}-\d{2} by Sam Reception\)/)
    await expect(page.getByRole('region', { name: '2. Check the preview' })).toContainText('New patients')
    await snap(page, '05-mapping-reused')
  })

  await test.step('the mapping can be changed from the preview', async () => {
    await page.getByRole('button', { name: 'Change column mapping' }).click()
    await expect(page.getByRole('heading', { name: 'Map the columns of practice-bp-list-later.csv' })).toBeVisible()
    await expect(page.getByLabel('Patient Identifier')).toHaveValue('nhsNumber')
    await expect(page.getByLabel('Sys', { exact: true })).toHaveValue('bp.systolic')
    await snap(page, '06-change-mapping')
    await page.getByRole('button', { name: 'Cancel' }).click()
    await expect(page.getByRole('heading', { name: '2. Check the preview' })).toBeVisible()
    await page.getByRole('button', { name: 'Import 3 patients' }).click()
    await expect(page.getByRole('heading', { name: 'Import complete' })).toBeVisible()
  })

  expect(pageErrors).toEqual([])
})

test('an export saved as .xlsx is read as a workbook and the preview says so', async ({ page, freshHost }) => {
  await page.goto(freshHost.url)
  await page.getByLabel('Your name').fill('Sam Reception')
  await page.getByLabel(/^Admin/).check()
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Import', exact: true }).click()
  await page.getByLabel('Export files').setInputFiles(join(projectRoot, 'tests/fixtures/imports/xlsx/emis-events.xlsx'))
  await page.getByRole('button', { name: 'Preview import' }).click()
  await page.getByText(/^Columns mapped/).click()
  const fileCard = page.getByRole('region', { name: 'File: emis-events.xlsx' })
  await expect(fileCard).toContainText('EMIS Web list report: a report-header block (2 lines) above the column row')
  await expect(fileCard).toContainText('Read from Excel workbook (.xlsx), sheet "Hypertension BP list"')
  await expect(page.getByRole('region', { name: '2. Check the preview' })).toContainText('BP readings')
  await snap(page, '07-xlsx-preview')
  await page.getByRole('button', { name: 'Import 2 patients' }).click()
  await expect(page.getByRole('heading', { name: 'Import complete' })).toBeVisible()
})
