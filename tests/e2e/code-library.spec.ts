// A practice manager imports an export holding codes no shipped list covers and rows the app can
// only read from their term: the preview and the result say how many, the result links to
// Settings › Code library, which lists every code list (starter lists labelled as such) and the
// codes in the practice's data that matched no list, downloadable as a CSV with formulas neutralised.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { nhsCheckDigit } from '../../src/shared/domain/nhs-number'
import { expect, test } from './support/clinic-recall-host'
import { navigate, screenshotter, signIn } from './support/screens'

const snap = screenshotter('code-library-')

function nhs(n: number): string {
  for (let k = n * 3; ; k++) {
    const nine = `999${String(k).padStart(6, '0')}`
    const check = nhsCheckDigit(nine)
    if (check !== null) return `${nine}${check}`
  }
}

const hostileTerm = '=HYPERLINK("http://evil.example","click")'

/** An EMIS list report: listed codes, codes in no list, and rows only their term can explain. */
function exportWithUnlistedCodes(dir: string): string {
  const quote = (v: string) => (/[",]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)
  const blank = ',,,,'
  const lines = [
    'Report Name:,Hypertension BP recall list',
    'Run Date:,12-Nov-2026',
    '',
    'NHS Number,Family Name,Calling Name,Date of Birth,Gender,Date,Code,Code Term,Value',
    `${nhs(1)},SMITH,Jane,05-Mar-1958,F,12-Jan-2026,59621000,Essential hypertension,`,
    `${blank},03-Oct-2026,271649006,Systolic blood pressure,152`,
    `${blank},03-Oct-2026,271650006,Diastolic blood pressure,94`,
    `${blank},01-Jun-2026,1082641000000106,Medication review done,`,
    `${blank},01-Jul-2026,1082641000000106,Medication review done,`,
    `${blank},01-Aug-2026,,Influenza vaccination,`,
    `${blank},02-Aug-2026,1234567890123,${quote(hostileTerm)},`,
    `${nhs(2)},JONES,Ann,01-Jan-1960,F,10-Feb-2026,,Essential hypertension,`,
    `${blank},01-Jun-2026,1082641000000106,Medication review,`,
    `${blank},05-Oct-2026,999000111,Systolic blood pressure,148`,
    `${blank},05-Oct-2026,999000112,Diastolic blood pressure,91`,
    `${nhs(3)},BROWN,Tom,09-Sep-1961,M,11-Mar-2026,1000731000000107,Serum HbA1c level,48`
  ]
  const path = join(dir, 'november-recall-list.csv')
  writeFileSync(path, `${lines.join('\r\n')}\r\n`)
  return path
}

test('the import says what the code lists did not cover, and Settings › Code library shows it with the lists', async ({ page, freshHost: host }) => {
  const file = exportWithUnlistedCodes(host.workDir)
  await signIn(page, host.url, 'Priya Shah', 'Admin')

  await test.step('the code library is empty of practice codes before any import', async () => {
    await navigate(page, 'Settings')
    await expect(page.getByRole('region', { name: 'Codes in your data that matched no list' })).toContainText('No codes yet')
  })

  await test.step('the preview and the result count term-only matches and codes in no list', async () => {
    await navigate(page, 'Import')
    await page.getByLabel('Export files').setInputFiles(file)
    await page.getByRole('button', { name: 'Preview import' }).click()
    await expect(page.getByRole('heading', { name: '2. Check the preview' })).toBeVisible()
    const notes = page.getByRole('note', { name: 'Codes to check' })
    await expect(notes).toContainText('3 events matched by term only — after importing, check them in Settings › Code library.')
    await expect(notes).toContainText('4 codes matched no code list: their rows will be left out.')
    await snap(page, '01-preview')
    await page.getByRole('button', { name: /^Import 3 patients$/ }).click()
    await expect(page.getByRole('heading', { name: 'Import complete' })).toBeVisible()
    const done = page.getByRole('region', { name: 'Import complete' }).getByRole('note', { name: 'Codes to check' })
    await expect(done).toContainText('3 events matched by term only — check them in Settings › Code library.')
    await expect(done).toContainText('4 codes matched no code list: their rows were left out.')
    await snap(page, '02-imported')
    await done.getByRole('button', { name: 'Settings › Code library' }).first().click()
  })

  await test.step('Settings › Code library lists the shipped lists, starter lists labelled', async () => {
    await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible()
    const lists = page.getByRole('table', { name: 'Code lists' })
    await expect(lists.getByRole('row', { name: /^HYP_COD / }).getByRole('cell')).toHaveText([
      'HYP_COD',
      'Hypertension register: a diagnosis of hypertension',
      'NHS Digital Primary Care Domain refset',
      'hyp_cod/20210127',
      '106',
      'nhsd-primary-care-domain-refsets-hyp_cod.csv'
    ])
    const starters = lists.getByRole('row').filter({ hasText: 'Starter list' })
    await expect(starters.first()).toContainText('Starter list — not the NHS refset, check with a clinician')
    await expect(lists.getByRole('row', { name: /ETHNICITY/ })).toContainText('OpenSAFELY')
    await expect(page.getByRole('region', { name: 'Code library' })).toBeInViewport()
    // The list table scrolls inside its card: show a starter row in the screenshot.
    await starters.first().scrollIntoViewIfNeeded()
    await page.getByRole('region', { name: 'Code library' }).scrollIntoViewIfNeeded()
    await snap(page, '03-settings-code-library')
  })

  await test.step('the codes that matched no list, with counts and terms, and those read from their term', async () => {
    const unmatched = page.getByRole('table', { name: 'Codes that matched no list' })
    await expect(unmatched.getByRole('row')).toHaveCount(5)
    const review = unmatched.getByRole('row', { name: /1082641000000106/ })
    await expect(review.getByRole('cell')).toHaveText([
      '1082641000000106',
      /Medication review done\s*Also exported as: Medication review/,
      '3',
      '2',
      /import #1/
    ])
    await expect(unmatched).toContainText('Influenza vaccination')
    await expect(unmatched).toContainText('(no code)')
    const termOnly = page.getByRole('table', { name: 'Codes read from their term only' })
    await expect(termOnly.getByRole('row', { name: /Essential hypertension/ })).toContainText(/Hypertension diagnosis/)
    await expect(termOnly.getByRole('row', { name: /999000111/ })).toContainText('Blood pressure reading (clinic)')
    await page.getByRole('region', { name: 'Codes in your data that matched no list' }).scrollIntoViewIfNeeded()
    await snap(page, '04-unmatched-codes')
  })

  await test.step('Download as CSV: the same codes, a formula term neutralised', async () => {
    const downloading = page.waitForEvent('download')
    await page.getByRole('button', { name: 'Download as CSV' }).click()
    const download = await downloading
    expect(download.suggestedFilename()).toMatch(/^codes-matching-no-list-\d{4}-\d{2}-\d{2}\.csv$/)
    const text = readFileSync(await download.path(), 'utf8')
    expect(text).toContain('Code,Term,Other terms,Events,Patients,First import,First imported on,Last import,Last imported on')
    expect(text).toMatch(/1082641000000106,Medication review done,Medication review,3,2,1,/)
    expect(text).toContain(`1234567890123,"'=HYPERLINK(""http://evil.example"",""click"")"`)
  })
})
