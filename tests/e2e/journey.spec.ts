// The practice journey in a real browser against the real services (browser mode): a pharmacist
// signs in, imports the month's EMIS export, checks the preview and its rejected rows, builds the
// uncontrolled-hypertension cohort, asks why a patient is in it, creates letters, runs a clinic,
// records a visit and sees the follow-up date, then opens the audit.
import { expect, test } from './support/clinic-recall-host'
import { navigate, screenshotter } from './support/screens'
import { prepareExport } from './support/practice-export'
import { fillPracticeDetails } from './support/practice-settings'

const snap = screenshotter('')

test('a pharmacist imports an export, builds a cohort, invites, runs a clinic and sees the audit', async ({ page, host }) => {
  const exportFile = prepareExport(host.workDir)
  const pageErrors: string[] = []
  page.on('pageerror', (error) => pageErrors.push(error.message))

  await test.step('sign in as the practice pharmacist', async () => {
    await page.goto(host.url)
    // The token is taken out of the address bar as soon as the app loads.
    await expect(page).not.toHaveURL(/token=/)
    await expect(page.getByRole('heading', { name: 'Who is using Clinic Recall?' })).toBeVisible()
    await snap(page, '01-start')
    await page.getByLabel('Your name').fill('Amara Okoye')
    await page.getByLabel(/^Clinician/).check()
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.getByRole('banner')).toContainText('Signed in as Amara Okoye')
    await expect(page.getByRole('banner')).toContainText(host.databasePath)
  })

  await test.step('fill in the practice details the letters carry', async () => {
    // Letters are refused while any of them is still the "set in Settings" placeholder.
    await fillPracticeDetails(page)
  })

  await test.step('preview the import: format, columns and the rejected row', async () => {
    await navigate(page, 'Import')
    await page.getByLabel('Export files').setInputFiles(exportFile.path)
    await page.getByRole('button', { name: 'Preview import' }).click()
    await expect(page.getByRole('heading', { name: '2. Check the preview' })).toBeVisible()
    await expect(page.getByText('Detected format:')).toBeVisible()
    // The Import button sits under the counts, ahead of the details.
    await expect(page.getByRole('region', { name: '2. Check the preview' }).getByRole('button', { name: /^Import \d+ patients?$/ })).toBeVisible()
    const rejected = page.getByRole('table', { name: 'Rejected rows' })
    await expect(rejected).toBeVisible()
    await expect(rejected.getByRole('row').filter({ hasText: /NHS/i }).first()).toBeVisible()
    await snap(page, '02-import-preview')
    // How the columns were read is collapsed until asked for.
    await expect(page.getByRole('heading', { name: 'Columns and what they were read as' })).toBeHidden()
    await page.getByText(/^Columns mapped/).click()
    await expect(page.getByRole('heading', { name: 'Columns and what they were read as' })).toBeVisible()
  })

  await test.step('commit the import', async () => {
    await page.getByRole('button', { name: /^Import \d+ patients?$/ }).click()
    await expect(page.getByRole('heading', { name: 'Import complete' })).toBeVisible()
    // The result takes focus, so it is announced and in view.
    await expect(page.locator('.import-result')).toBeFocused()
    await expect(page.getByRole('heading', { name: 'Import complete' })).toBeInViewport()
    await expect(page.getByRole('region', { name: 'Import history' }).getByRole('row')).toHaveCount(2)
    await snap(page, '03-import-committed')
  })

  let patientName = ''
  await test.step('build the uncontrolled-hypertension cohort', async () => {
    await navigate(page, 'Cohorts')
    await page.getByLabel('Cohort definition').selectOption('uncontrolled-hypertension')
    await page.getByRole('button', { name: 'Build and save cohort' }).click()
    const membersTab = page.getByRole('tab', { name: /^Members \(\d+\)$/ })
    await expect(membersTab).toBeVisible()
    await expect(membersTab).not.toHaveText('Members (0)')
    await snap(page, '04-cohort')
  })

  await test.step('ask why a patient is in the cohort', async () => {
    const firstWhy = page
      .getByRole('table', { name: 'Cohort members' })
      .getByRole('button', { name: /^Why\? / })
      .first()
    patientName = ((await firstWhy.textContent()) ?? '').trim()
    await firstWhy.click()
    const panel = page.getByRole('dialog', { name: `Why? ${patientName}` })
    await expect(panel).toBeVisible()
    await expect(panel.getByRole('table', { name: 'Rules checked' })).toBeVisible()
    await expect(panel.getByRole('table', { name: 'Readings considered' })).toBeVisible()
    await expect(panel).toContainText('NICE NG136 1.2.2')
    await snap(page, '05-why')
    await panel.getByRole('button', { name: 'Close' }).click()
    await expect(panel).toBeHidden()
  })

  await test.step('create the first invitation letters and download the PDF', async () => {
    await page.getByLabel('Invitation attempt').selectOption('1')
    // Letters for everyone in this journey (the export's patients all have mobiles: SMS is the receptionist journey's).
    await page.getByLabel(/^Send SMS/).uncheck()
    await page.getByRole('button', { name: 'Create invitation letters' }).click()
    const pdfLink = page.getByRole('link', { name: 'Download letters PDF' })
    await expect(pdfLink).toBeVisible()
    await snap(page, '06-letters')
    const [download] = await Promise.all([page.waitForEvent('download'), pdfLink.click()])
    expect(download.suggestedFilename()).toMatch(/\.pdf$/i)
  })

  await test.step('create a clinic and book a cohort member', async () => {
    await navigate(page, 'Clinics')
    await page.getByLabel('Clinic type').fill('Hypertension review (pharmacist)')
    await page.getByLabel('Number of slots').fill('6')
    await page.getByLabel('Clinician').fill('Amara Okoye')
    await page.getByLabel('Location').fill('Room 3')
    await page.getByRole('button', { name: 'Create clinic' }).click()
    await expect(page.getByText(/Clinic created/)).toBeVisible()
    const memberSelect = page.getByLabel(/^Patient from cohort/)
    const option = memberSelect.locator('option', { hasText: patientName }).first()
    await memberSelect.selectOption({ value: (await option.getAttribute('value')) ?? '' })
    await page.getByRole('button', { name: 'Book appointment' }).click()
    await expect(page.getByText(/^Booked \d{3} \d{3} \d{4} at \d{2}:\d{2}\.$/)).toBeVisible()
    const slots = page.getByRole('table', { name: 'Clinic slots' })
    await expect(slots.getByRole('row').filter({ hasText: patientName })).toContainText('Booked')
    await snap(page, '07-clinic-booked')
  })

  await test.step('record the visit with two BP readings and see the follow-up date', async () => {
    await page.getByRole('button', { name: `Record visit for ${patientName}` }).click()
    await page.getByLabel('Reading 1 systolic (mmHg)').fill('158')
    await page.getByLabel('Reading 1 diastolic (mmHg)').fill('96')
    await page.getByRole('button', { name: 'Add another reading' }).click()
    await page.getByLabel('Reading 2 systolic (mmHg)').fill('152')
    await page.getByLabel('Reading 2 diastolic (mmHg)').fill('98')
    await page.getByRole('radio', { name: 'Physical activity: Brief advice given' }).check()
    await page.getByLabel('Agreed to start home monitoring').check()
    await page.getByLabel('Note').fill('Discussed home monitoring.')
    await snap(page, '08-visit-form')
    await page.getByRole('button', { name: 'Save visit' }).click()
    const outcome = page.getByRole('status').filter({ hasText: `Visit recorded for ${patientName}` })
    await expect(outcome).toBeVisible()
    // Lowest systolic and lowest diastolic of the visit's readings (NICE NG136 1.2.2).
    await expect(outcome).toContainText('BP used: 152/96')
    await expect(outcome).toContainText(/Follow-up due: \d{1,2} [A-Z][a-z]{2} \d{4}/)
    const slots = page.getByRole('table', { name: 'Clinic slots' })
    await expect(slots.getByRole('row').filter({ hasText: patientName })).toContainText('Attended')
    await snap(page, '09-visit-recorded')
  })

  await test.step('follow-ups and the audit seed table', async () => {
    await navigate(page, 'Follow-ups')
    await expect(page.getByRole('heading', { name: 'Follow-ups due' })).toBeVisible()
    await snap(page, '10-follow-ups')
    await navigate(page, 'Audit')
    const seedTable = page.getByRole('table', { name: 'Change in systolic blood pressure' })
    await expect(seedTable).toBeVisible()
    for (const row of ['Reduced', 'No change', 'Increased']) {
      await expect(seedTable.getByRole('rowheader', { name: row })).toBeVisible()
    }
    await expect(page.getByRole('table', { name: 'Uptake funnel (the whole practice)' }).getByRole('rowheader', { name: 'Attended' })).toBeVisible()
    await snap(page, '11-audit')
  })

  expect(pageErrors).toEqual([])
})
