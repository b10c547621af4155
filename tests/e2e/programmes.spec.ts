// Programmes in a real browser against the real services (browser mode): the practice manager
// starts two programmes on the same patients (a pharmacist-led BP review for Black African and
// African-Caribbean patients, and an uncontrolled-hypertension recall), builds a cohort for each
// from its programme page, invites both, runs the programmes' clinics (a visit six weeks after the
// invitations and a follow-up today for the first, one visit for the second), then opens the first
// programme's audit: its charts and their tables, the same numbers in both, the print layout, both
// workbooks, and the whole-practice view listing both programmes.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './support/clinic-recall-host'
import { navigate, screenshotter } from './support/screens'
import { fillPracticeDetails } from './support/practice-settings'

const snap = screenshotter('programmes-')

// The screen size of a typical practice PC.
test.use({ viewport: { width: 1366, height: 768 } })

function isoDaysFromToday(days: number): string {
  const d = new Date()
  d.setDate(d.getDate() + days)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

function emisDate(iso: string): string {
  const [y, m, d] = iso.split('-')
  return `${d}-${monthNames[Number(m) - 1]}-${y}`
}

function ukDate(iso: string): string {
  const [y, m, d] = iso.split('-')
  return `${Number(d)} ${monthNames[Number(m) - 1]} ${y}`
}

const pharmacistReview = 'Pharmacist BP review 2026'
const recall = 'Uncontrolled BP recall 2026'

// Ten hypertensive patients, all uncontrolled four months ago; six are Black African or Black
// Caribbean, so they are in both programmes' cohorts.
const patients = [
  { nhs: '999 000 1006', family: 'ADEYEMI', given: 'Grace', sex: 'F', ethnicity: 'Black Caribbean' },
  { nhs: '999 000 1375', family: 'OKAFOR', given: 'Chidi', sex: 'M', ethnicity: 'Black African' },
  { nhs: '999 000 1758', family: 'CAMPBELL', given: 'Devon', sex: 'M', ethnicity: 'Black Caribbean' },
  { nhs: '999 000 2118', family: 'MENSAH', given: 'Ama', sex: 'F', ethnicity: 'Black African' },
  { nhs: '999 000 2487', family: 'BROWN', given: 'Marcia', sex: 'F', ethnicity: 'Black Caribbean' },
  { nhs: '999 000 2851', family: 'DIALLO', given: 'Moussa', sex: 'M', ethnicity: 'Black African' },
  { nhs: '999 000 3238', family: 'SMITH', given: 'Jane', sex: 'F', ethnicity: 'White British' },
  { nhs: '999 000 3599', family: 'JONES', given: 'Peter', sex: 'M', ethnicity: 'White British' },
  { nhs: '999 000 3963', family: 'PATEL', given: 'Asha', sex: 'F', ethnicity: 'Indian' },
  { nhs: '999 000 4331', family: 'TAYLOR', given: 'Mark', sex: 'M', ethnicity: 'White British' }
]

function writeExport(dir: string): string {
  const read = emisDate(isoDaysFromToday(-120))
  const header =
    '"NHS Number","EMIS Number","Title","Family Name","Calling Name","Date of Birth","Gender","Ethnicity","Number and Street","Postcode","Date","Code","Code Term","Value"'
  const lines = ['Report Name:,Hypertension BP recall list,', ',,', header]
  patients.forEach((p, i) => {
    lines.push(
      `${p.nhs},${3001 + i},${p.sex === 'M' ? 'Mr' : 'Ms'},${p.family},${p.given},12-Mar-19${50 + i},${p.sex},${p.ethnicity},${10 + i} Acre Lane,SW2 5SG,12-Jan-2020,59621000,Essential hypertension,`,
      `,,,,,,,,,,${read},271649006,Systolic blood pressure,${160 + i}`,
      `,,,,,,,,,,${read},271650006,Diastolic blood pressure,96`
    )
  })
  const path = join(dir, 'emis-programmes.csv')
  writeFileSync(path, `${lines.join('\r\n')}\r\n`)
  return path
}

async function openProgramme(page: Page, name: string): Promise<void> {
  await navigate(page, 'Programmes')
  const back = page.getByRole('button', { name: '‹ All programmes' })
  if (await back.isVisible()) await back.click()
  await page.getByRole('button', { name: `Open programme ${name}` }).click()
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`^${name}`) })).toBeVisible()
}

async function startProgramme(page: Page, name: string, definition: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Start a programme' })
  await form.getByLabel('Programme name').fill(name)
  await form.getByLabel('Start date').fill(isoDaysFromToday(-50))
  await form.getByLabel('Cohort (who is eligible)').selectOption(definition)
  await form.getByRole('button', { name: 'Start programme' }).click()
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`^${name}`) })).toBeVisible()
}

/** From the programme page: build its cohort as of `asOf` and send the 1st invitation letters dated `letterDate`. */
async function buildAndInvite(
  page: Page,
  programme: string,
  definition: { id: string; name: RegExp },
  asOf: string,
  letterDate: string,
  inviteAnyway: boolean
): Promise<void> {
  await openProgramme(page, programme)
  await page.getByRole('button', { name: 'Build a cohort for this programme' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Cohorts' })).toBeVisible()
  // Choosing the programme chose its cohort.
  await expect(page.getByLabel('Programme', { exact: true })).toHaveValue(/^\d+$/)
  await expect(page.getByLabel('Programme', { exact: true }).locator('option:checked')).toHaveText(new RegExp(`^${programme} — `))
  await expect(page.getByLabel('Cohort definition')).toHaveValue(definition.id)
  await page.getByLabel('As-of date').fill(asOf)
  await page.getByRole('button', { name: 'Build and save cohort' }).click()
  // The new build is shown (not the cohort the screen was showing before).
  await expect(page.getByRole('heading', { name: new RegExp(`^${definition.name.source}.* — saved cohort #\\d+$`) })).toBeVisible()
  await expect(page.getByRole('tab', { name: /^Members \([1-9]\d*\)$/ })).toBeVisible()
  await page.getByLabel('Invitation attempt').selectOption('1')
  await page.getByLabel('Letter date').fill(letterDate)
  await page.getByLabel(/^Send SMS/).uncheck()
  if (inviteAnyway) await page.getByLabel(/^Invite anyway/).check()
  await page.getByRole('button', { name: 'Create invitation letters' }).click()
  await expect(page.getByRole('link', { name: 'Download letters PDF' })).toBeVisible()
}

/** On the Clinics screen: create a clinic on `date`, book these patients and record one reading each. */
async function runClinic(page: Page, date: string, start: string, visits: { nhs: string; family: string; bp: [number, number] }[]): Promise<void> {
  await page.getByLabel('Date', { exact: true }).fill(date)
  await page.getByLabel('Start time').fill(start)
  await page.getByLabel('Number of slots').fill('4')
  await page.getByRole('button', { name: 'Create clinic' }).click()
  await expect(page.getByText(/Clinic created/)).toBeVisible()
  // The new clinic's panel, and only it: the previous clinic's panel must have gone.
  const clinic = page.getByRole('region', { name: new RegExp(` — \\d{1,2} [A-Z][a-z]{2} \\d{4} from \\d{2}:\\d{2}$`) })
  await expect(clinic).toHaveAccessibleName(new RegExp(` — ${ukDate(date)} from ${start}$`))
  for (const visit of visits) {
    await clinic.getByLabel('NHS number').fill(visit.nhs)
    await clinic.getByRole('button', { name: 'Book appointment' }).click()
    await expect(clinic.getByText(new RegExp(`^Booked ${visit.nhs} at \\d{2}:\\d{2}\\.$`))).toBeVisible()
  }
  for (const visit of visits) {
    await clinic.getByRole('button', { name: new RegExp(`^Record visit for .*${visit.family}`, 'i') }).click()
    await clinic.getByLabel('Reading 1 systolic (mmHg)').fill(String(visit.bp[0]))
    await clinic.getByLabel('Reading 1 diastolic (mmHg)').fill(String(visit.bp[1]))
    await clinic.getByRole('button', { name: 'Save visit' }).click()
    await expect(clinic.getByRole('status').filter({ hasText: new RegExp(`Visit recorded for .*${visit.family}`, 'i') })).toBeVisible()
  }
}

test('a practice manager runs two programmes and audits one of them with charts', async ({ page, freshHost: host }) => {
  const exportPath = writeExport(host.workDir)
  const pageErrors: string[] = []
  page.on('pageerror', (error) => pageErrors.push(error.message))
  // The charts must draw under the app's Content Security Policy: nothing refused.
  const refused: string[] = []
  page.on('console', (message) => {
    if (/Refused to|Content Security Policy/i.test(message.text()) && !/frame-ancestors.*<meta>/i.test(message.text())) refused.push(message.text())
  })
  const cohortAsOf = isoDaysFromToday(-45)
  const letterDate = isoDaysFromToday(-40)

  await test.step('sign in as the practice manager and import the export', async () => {
    await page.goto(host.url)
    await page.getByLabel('Your name').fill('Priya Shah')
    await page.getByLabel(/^Practice manager/).check()
    await page.getByRole('button', { name: 'Sign in' }).click()
    // Letters are refused while the practice details are placeholders.
    await fillPracticeDetails(page)
    await navigate(page, 'Import')
    await page.getByLabel('Export files').setInputFiles(exportPath)
    await page.getByRole('button', { name: 'Preview import' }).click()
    await page.getByRole('button', { name: 'Import 10 patients' }).click()
    await expect(page.getByRole('heading', { name: 'Import complete' })).toBeVisible()
  })

  await test.step('start two programmes', async () => {
    await navigate(page, 'Programmes')
    await expect(page.getByRole('table', { name: 'Programmes' })).toHaveCount(0)
    await expect(page.getByText('No programmes yet.')).toBeVisible()
    // A name is required: the form says so, by the field.
    await page.getByRole('form', { name: 'Start a programme' }).getByRole('button', { name: 'Start programme' }).click()
    await expect(page.getByRole('alert').filter({ hasText: 'Give the programme a name.' })).toBeVisible()
    await startProgramme(page, pharmacistReview, 'hypertension-black-african-caribbean')
    await expect(page.getByRole('region', { name: 'About this programme' })).toContainText('Pharmacist BP clinic')
    await page.getByRole('button', { name: '‹ All programmes' }).click()
    await startProgramme(page, recall, 'uncontrolled-hypertension')
    await page.getByRole('button', { name: '‹ All programmes' }).click()
    await expect(page.getByRole('table', { name: 'Programmes' }).getByRole('row')).toHaveCount(3)
  })

  await test.step('build a cohort for each programme and invite both', async () => {
    await buildAndInvite(page, pharmacistReview, { id: 'hypertension-black-african-caribbean', name: /Pharmacist-led review/ }, cohortAsOf, letterDate, false)
    // The same patients are in the second cohort: invite them anyway (the batch still names the other programme).
    await buildAndInvite(page, recall, { id: 'uncontrolled-hypertension', name: /Uncontrolled hypertension/ }, cohortAsOf, letterDate, true)
  })

  await test.step("run the pharmacist review's clinics: a visit after the letters and a follow-up today", async () => {
    await openProgramme(page, pharmacistReview)
    await page.getByRole('button', { name: 'Create a clinic for it' }).click()
    await expect(page.getByLabel('Programme (optional)').locator('option:checked')).toHaveText(pharmacistReview)
    await expect(page.getByLabel('Clinic type')).toHaveValue('Pharmacist BP clinic')
    await runClinic(page, isoDaysFromToday(-20), '09:00', [
      { nhs: '999 000 1006', family: 'ADEYEMI', bp: [162, 98] },
      { nhs: '999 000 1375', family: 'OKAFOR', bp: [158, 94] }
    ])
    await runClinic(page, isoDaysFromToday(0), '09:00', [
      { nhs: '999 000 1006', family: 'ADEYEMI', bp: [138, 86] },
      { nhs: '999 000 1375', family: 'OKAFOR', bp: [161, 95] }
    ])
  })

  await test.step("run the recall's clinic", async () => {
    await openProgramme(page, recall)
    await page.getByRole('button', { name: 'Create a clinic for it' }).click()
    await expect(page.getByLabel('Programme (optional)').locator('option:checked')).toHaveText(recall)
    await expect(page.getByLabel('Clinic type')).toHaveValue('Hypertension review')
    await runClinic(page, isoDaysFromToday(0), '14:00', [{ nhs: '999 000 3238', family: 'SMITH', bp: [150, 92] }])
  })

  await test.step('the programme list shows each one’s progress at a glance', async () => {
    await navigate(page, 'Programmes')
    const back = page.getByRole('button', { name: '‹ All programmes' })
    if (await back.isVisible()) await back.click()
    const list = page.getByRole('table', { name: 'Programmes' })
    const review = list.getByRole('row').filter({ hasText: pharmacistReview })
    // Latest cohort 6, invited 6, booked 2, attended 2, clinics 2.
    await expect(review.getByRole('cell')).toHaveText([pharmacistReview, /Pharmacist-led/, 'Open', /^6 as of/, '6', '2', '2', '2', /\d{4}$/])
    const recallRow = list.getByRole('row').filter({ hasText: recall })
    await expect(recallRow.getByRole('cell')).toHaveText([recall, 'Uncontrolled hypertension', 'Open', /^10 as of/, '10', '1', '1', '1', /\d{4}$/])
    await snap(page, '01-list')
  })

  await test.step('the programme page: its builds, batches, clinics and audit at a glance', async () => {
    await page.getByRole('button', { name: `Open programme ${pharmacistReview}` }).click()
    await expect(page.getByRole('table', { name: 'Cohort builds of this programme' }).getByRole('row')).toHaveCount(2)
    await expect(page.getByRole('table', { name: 'Invitation batches of this programme' }).getByRole('row')).toHaveCount(2)
    await expect(page.getByRole('table', { name: 'Clinics of this programme' }).getByRole('row')).toHaveCount(3)
    const glance = page.getByRole('region', { name: 'Its audit at a glance' })
    await expect(glance.getByRole('figure', { name: /^From eligible to followed up/ }).locator('svg.recharts-surface')).toBeVisible()
    await snap(page, '02-programme-page')
  })

  await test.step("open the pharmacist review's audit: charts with their tables", async () => {
    await page.getByRole('button', { name: 'Open the full audit' }).click()
    await expect(page.getByRole('heading', { level: 1, name: `Audit: ${pharmacistReview}` })).toBeVisible()

    const funnel = page.getByRole('figure', { name: /^From eligible to followed up/ })
    await expect(funnel.locator('svg.recharts-surface')).toBeVisible()
    const funnelTable = funnel.getByRole('table', { name: `Uptake funnel (${pharmacistReview})` })
    const expected: [string, string][] = [
      ['Eligible', '6'],
      ['Invited (1st)', '6'],
      ['Booked', '2'],
      ['Attended', '2'],
      ['Followed up', '2']
    ]
    for (const [step, count] of expected) {
      await expect(
        funnelTable
          .getByRole('row', { name: new RegExp(`^${step.replace(/[()]/g, '\\$&')} `) })
          .getByRole('cell')
          .first()
      ).toHaveText(count)
    }

    // ADEYEMI 162 → 138 (a fall of 24), OKAFOR 158 → 161 (a rise of 3).
    const change = page.getByRole('figure', { name: /^Change in systolic BP at follow-up/ })
    await expect(change.locator('svg.recharts-surface')).toBeVisible()
    const bands = change.getByRole('table', { name: /by band/ })
    await expect(bands.getByRole('row', { name: /^−30 to −21 / })).toContainText('Fall')
    await expect(
      bands
        .getByRole('row', { name: /^−30 to −21 / })
        .getByRole('cell')
        .nth(1)
    ).toHaveText('1')
    await expect(
      bands
        .getByRole('row', { name: /^1 to 10 / })
        .getByRole('cell')
        .nth(1)
    ).toHaveText('1')
    await expect(
      bands
        .getByRole('row', { name: /^Total / })
        .getByRole('cell')
        .nth(1)
    ).toHaveText('2')

    const ethnic = page.getByRole('figure', { name: /^BP outcome — Ethnic group/ })
    await expect(ethnic.locator('svg.recharts-surface')).toBeVisible()
    await expect(ethnic.getByRole('list', { name: /^Key to the chart/ })).toContainText('Reduced')
    const ethnicTable = ethnic.getByRole('table', { name: /^Uptake and BP outcome — Ethnic group/ })
    await expect(ethnicTable.getByRole('row').filter({ hasText: /Caribbean/ })).toContainText('1 (100%)')
    // Every chart is named for assistive technology, and every breakdown has its chart and its table.
    const charts = page.locator('figure.chart-figure')
    const figureCount = await charts.count()
    expect(figureCount).toBeGreaterThanOrEqual(7)
    await expect(page.locator('figure.chart-figure svg.recharts-surface')).toHaveCount(figureCount)
    await expect(page.locator('figure.chart-figure table')).toHaveCount(figureCount)
    await expect(page.locator('figure.chart-figure svg.recharts-surface title').first()).not.toBeEmpty()
    // The charts' accessibility layer: a chart takes the keyboard focus and the arrow keys walk its bars.
    const funnelSvg = funnel.locator('svg.recharts-surface')
    await funnelSvg.focus()
    await page.keyboard.press('ArrowRight')
    await expect(funnel.locator('.recharts-tooltip-wrapper')).toContainText('Patients')
    await snap(page, '03-audit-charts')
  })

  await test.step('the audit prints: charts and tables, no navigation', async () => {
    await page.emulateMedia({ media: 'print' })
    await expect(page.getByRole('navigation', { name: 'Sections' })).toBeHidden()
    await expect(page.getByRole('button', { name: 'Export audit workbook (identifiable)' })).toBeHidden()
    await expect(page.getByRole('figure', { name: /^From eligible to followed up/ }).locator('svg.recharts-surface')).toBeVisible()
    await expect(page.getByText(`Audit of ${pharmacistReview} as of`)).toBeVisible()
    await snap(page, '04-audit-print')
    await page.emulateMedia({ media: 'screen' })
  })

  await test.step("export both of the programme's workbooks", async () => {
    for (const kind of ['identifiable', 'pseudonymised'] as const) {
      await page.getByRole('button', { name: `Export audit workbook (${kind})` }).click()
      const ready = page.getByRole('status').filter({ hasText: `workbook for ${pharmacistReview} ready` })
      await expect(ready).toBeVisible()
      const [download] = await Promise.all([page.waitForEvent('download'), ready.getByRole('link', { name: `Download ${kind} audit workbook` }).click()])
      expect(download.suggestedFilename()).toMatch(/\.xlsx$/i)
    }
  })

  await test.step('the whole-practice audit lists both programmes', async () => {
    await page.getByLabel('Programme', { exact: true }).selectOption({ label: 'Whole practice (every programme)' })
    // The programme's workbooks are not offered as the whole practice's.
    await expect(page.getByRole('link', { name: /audit workbook$/ })).toHaveCount(0)
    await expect(page.getByRole('heading', { level: 1, name: 'Audit', exact: true })).toBeVisible()
    const each = page.getByRole('table', { name: 'Audit of each programme' })
    await expect(each.getByRole('row')).toHaveCount(3)
    await expect(each.getByRole('rowheader', { name: pharmacistReview })).toBeVisible()
    await expect(each.getByRole('rowheader', { name: recall })).toBeVisible()
    await snap(page, '05-audit-whole-practice')
  })

  await test.step('the activity log says who did what in words, newest first', async () => {
    await navigate(page, 'Activity log')
    const log = page.getByRole('table', { name: 'Activity log' })
    await expect(log.getByRole('row').nth(1)).toContainText('Priya Shah')
    // The role as the start screen offered it, not its stored id ("manager").
    await expect(log.getByRole('row').nth(1).getByRole('cell', { name: 'Practice manager', exact: true })).toBeVisible()
    // The workbook exports just made are there as actions a manager can read, not operation names.
    await expect(log).toContainText('pseudonymised')
    await expect(log).not.toContainText('audit.exportWorkbook')
    await snap(page, '06-activity-log')
  })

  expect(refused).toEqual([])
  expect(pageErrors).toEqual([])
})
