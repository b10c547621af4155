// The pharmacist's clinic day in a real browser against the real services (browser mode): import
// the month's export, open today's clinic in the day view, record a visit with two BP readings (the
// lowest systolic and lowest diastolic shown as they are typed, and used), a medicine change, home
// monitoring and a note, read back as the visit's actions; see
// the follow-up proposed by the clinic type's interval and leave it as due; mark a did-not-attend;
// then find both on the Follow-ups worklists and their counts on the Today screen.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from './support/clinic-recall-host'
import { navigate, screenshotter } from './support/screens'

const snap = screenshotter('pharmacist-')

function isoDaysFromToday(days: number): string {
  const d = new Date()
  d.setDate(d.getDate() + days)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

function ukDate(iso: string): string {
  const [y, m, d] = iso.split('-')
  return `${Number(d)} ${monthNames[Number(m) - 1]} ${y}`
}

function emisDate(iso: string): string {
  const [y, m, d] = iso.split('-')
  return `${d}-${monthNames[Number(m) - 1]}-${y}`
}

/** Two hypertensive patients with raised readings five weeks ago. */
function writeExport(dir: string): string {
  const read = emisDate(isoDaysFromToday(-35))
  const header =
    '"NHS Number","EMIS Number","Title","Family Name","Calling Name","Date of Birth","Gender","Ethnicity","Postcode","Date","Code","Code Term","Value"'
  const patient = (nhs: string, emis: string, title: string, family: string, given: string, postcode: string) => [
    `${nhs},${emis},${title},${family},${given},12-Mar-1958,${title === 'Mr' ? 'M' : 'F'},Black Caribbean,${postcode},12-Jan-2020,59621000,Essential hypertension,`,
    `,,,,,,,,,${read},271649006,Systolic blood pressure,164`,
    `,,,,,,,,,${read},271650006,Diastolic blood pressure,98`
  ]
  const lines = [
    'Report Name:,Hypertension BP recall list,',
    ',,',
    header,
    ...patient('999 100 0003', '1001', 'Mrs', 'SMITH', 'Jane', 'SW2 5SG'),
    ...patient('999 000 1006', '1002', 'Mr', 'BROWN', 'Tom', 'SW9 6BU')
  ]
  const path = join(dir, 'emis-bp-clinic.csv')
  writeFileSync(path, `${lines.join('\r\n')}\r\n`)
  return path
}

test('a pharmacist runs a clinic day: two BP readings, the lowest used, follow-up proposed and due', async ({ page, freshHost: host }) => {
  const exportPath = writeExport(host.workDir)
  const pageErrors: string[] = []
  page.on('pageerror', (error) => pageErrors.push(error.message))
  const today = isoDaysFromToday(0)
  const followUpDue = isoDaysFromToday(42)

  await test.step('sign in; the Today screen shows every worklist with a count', async () => {
    await page.goto(host.url)
    await page.getByLabel('Your name').fill('Amara Okoye')
    await page.getByLabel(/^Clinician/).check()
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.getByRole('heading', { name: 'Today', level: 1 })).toBeVisible()
    for (const tile of [
      'Clinics today',
      'Follow-ups overdue',
      'Follow-ups due this week',
      'Did not attend — re-invite',
      'Appointments left open',
      'Invited but not booked',
      'Non-responders'
    ]) {
      await expect(page.getByRole('button', { name: `${tile}: 0` })).toBeVisible()
    }
    await snap(page, '01-today-empty')
    await navigate(page, 'Import')
    await page.getByLabel('Export files').setInputFiles(exportPath)
    await page.getByRole('button', { name: 'Preview import' }).click()
    await page.getByRole('button', { name: /^Import \d+ patients?$/ }).click()
    await expect(page.getByRole('heading', { name: 'Import complete' })).toBeVisible()
  })

  await test.step("create today's pharmacist BP clinic and book two patients", async () => {
    await navigate(page, 'Clinics')
    await page.getByLabel('Clinic type').fill('Pharmacist BP clinic')
    await page.getByLabel('Date', { exact: true }).fill(today)
    await page.getByLabel('Start time').fill('09:00')
    await page.getByLabel('Number of slots').fill('4')
    await page.getByLabel('Slot length (minutes)').fill('20')
    await page.getByLabel('Clinician').fill('Amara Okoye')
    await page.getByLabel('Location').fill('Room 3')
    await page.getByRole('button', { name: 'Create clinic' }).click()
    await expect(page.getByText(/Clinic created/)).toBeVisible()
    for (const nhs of ['999 100 0003', '999 000 1006']) {
      await page.getByLabel('NHS number').fill(nhs)
      await page.getByRole('button', { name: 'Book appointment' }).click()
      await expect(page.getByText(new RegExp(`^Booked ${nhs} at \\d{2}:\\d{2}\\.$`))).toBeVisible()
    }
    // A second booking for the same patient is refused with a message that says why.
    await page.getByLabel('NHS number').fill('999 100 0003')
    await page.getByRole('button', { name: 'Book appointment' }).click()
    await expect(page.getByText(/999 100 0003 is already booked into this clinic at 09:00/)).toBeVisible()
  })

  await test.step('the day view lists the session and opens its slots', async () => {
    await page.getByRole('button', { name: 'Day', exact: true }).click()
    const session = page.getByRole('button', { name: `Open clinic Pharmacist BP clinic on ${ukDate(today)} at 09:00` })
    await expect(session).toBeVisible()
    await expect(session).toContainText('2/4 booked')
    await expect(session).toHaveAttribute('aria-pressed', 'true')
    const slots = page.getByRole('table', { name: 'Clinic slots' })
    await expect(slots.getByRole('row').filter({ hasText: 'SMITH' })).toContainText('09:00')
    await expect(slots.getByRole('row').filter({ hasText: 'BROWN' })).toContainText('09:20')
    await snap(page, '02-clinic-day')
  })

  await test.step('record two readings: the lowest systolic and lowest diastolic are shown and used', async () => {
    await page.getByRole('button', { name: /^Record visit for .*SMITH/i }).click()
    await page.getByLabel('Reading 1 systolic (mmHg)').fill('158')
    await page.getByLabel('Reading 1 diastolic (mmHg)').fill('92')
    await page.getByRole('button', { name: 'Add another reading' }).click()
    await page.getByLabel('Reading 2 systolic (mmHg)').fill('149')
    await page.getByLabel('Reading 2 diastolic (mmHg)').fill('95')
    await expect(page.getByText('BP to be recorded: 149/92')).toBeVisible()
    await page.getByRole('button', { name: 'Add a medicine change' }).click()
    await page.getByLabel('Change 1', { exact: true }).selectOption('increased')
    await page.getByLabel('Medicine 1 and dose').fill('amlodipine 10 mg')
    await page.getByLabel('Agreed to start home monitoring').check()
    await page.getByLabel('Note').fill('Amlodipine increased to 10 mg; home BP diary for 7 days.')
    await snap(page, '03-visit-form')
    await page.getByRole('button', { name: 'Save visit' }).click()
    const outcome = page.getByRole('status').filter({ hasText: /Visit recorded for .*SMITH/i })
    await expect(outcome).toContainText('BP used: 149/92')
    await expect(outcome).toContainText(`Follow-up due: ${ukDate(followUpDue)}`)
    await expect(outcome).toContainText('6 weeks after the visit')
    await expect(outcome).toContainText('Pharmacist BP clinic interval')
    // Booked or left as due: we leave it as due.
    await expect(page.getByRole('region', { name: /Follow-up for .*SMITH/i })).toContainText(`due ${ukDate(followUpDue)}`)
    const slots = page.getByRole('table', { name: 'Clinic slots' })
    await expect(slots.getByRole('row').filter({ hasText: 'SMITH' })).toContainText('Attended')
    await expect(slots.getByRole('row').filter({ hasText: 'SMITH' })).toContainText('149/92')
    // What was done is read back in the slot table: the actions and the note.
    await expect(slots.getByRole('row').filter({ hasText: 'SMITH' })).toContainText('Medication change, Home BP monitoring')
    await expect(slots.getByRole('row').filter({ hasText: 'SMITH' })).toContainText('Note: Amlodipine increased to 10 mg; home BP diary for 7 days.')
    await snap(page, '04-visit-recorded')
  })

  await test.step('Tom Brown does not attend', async () => {
    await page.getByRole('button', { name: /^Did not attend: .*BROWN/i }).click()
    await page
      .getByRole('group', { name: /^Mark .*BROWN as did not attend the 09:20 appointment\?$/ })
      .getByRole('button', { name: 'Yes' })
      .click()
    const slots = page.getByRole('table', { name: 'Clinic slots' })
    await expect(slots.getByRole('row').filter({ hasText: 'BROWN' })).toContainText('Did not attend')
    await page.getByRole('button', { name: 'Week', exact: true }).click()
    await expect(page.getByRole('list', { name: /^Week of / }).getByRole('button', { name: /Pharmacist BP clinic/ })).toContainText('2/4 booked')
    await snap(page, '05-week-view')
  })

  await test.step('the follow-up is due in six weeks and Tom is on the re-invite list', async () => {
    await navigate(page, 'Follow-ups')
    const dna = page.getByRole('table', { name: 'Did not attend — to re-invite' })
    await expect(dna.getByRole('row').filter({ hasText: 'BROWN' })).toContainText(ukDate(today))
    const due = page.getByRole('table', { name: 'Follow-ups due' })
    await expect(due).toHaveCount(0)
    await page.getByLabel('As of').fill(isoDaysFromToday(40))
    const row = due.getByRole('row').filter({ hasText: 'SMITH' })
    await expect(row).toContainText(ukDate(followUpDue))
    await expect(row).toContainText('Due')
    await expect(row.getByRole('button', { name: /Book follow-up for .*SMITH/i })).toBeVisible()
    await snap(page, '06-follow-ups-due')
    await page.getByLabel('As of').fill(isoDaysFromToday(50))
    await expect(row).toContainText('Overdue')
  })

  await test.step("book Tom again from the worklist into tomorrow's follow-up clinic, then cancel it", async () => {
    const tomorrow = isoDaysFromToday(1)
    await navigate(page, 'Clinics')
    await page.getByLabel('Clinic type').fill('Follow-up')
    await page.getByLabel('Date', { exact: true }).fill(tomorrow)
    await page.getByLabel('Number of slots').fill('3')
    await page.getByRole('button', { name: 'Create clinic' }).click()
    await expect(page.getByText(/Clinic created/)).toBeVisible()

    await navigate(page, 'Follow-ups')
    await page.getByRole('button', { name: /^Book .*BROWN again$/i }).click()
    const picker = page.getByLabel(/^Clinic for .*BROWN/i)
    const option = picker.locator('option', { hasText: 'Follow-up' }).first()
    await picker.selectOption({ value: (await option.getAttribute('value')) ?? '' })
    await page.getByRole('button', { name: 'Book into clinic' }).click()
    await expect(page.getByRole('status').filter({ hasText: /BROWN booked: Follow-up/i })).toContainText(`${ukDate(tomorrow)} at 09:00`)
    await expect(page.getByText('Nobody: everyone who missed a clinic has been booked again.')).toBeVisible()

    await navigate(page, 'Clinics')
    await page.getByRole('button', { name: 'Next day ›' }).click()
    const slots = page.getByRole('table', { name: 'Clinic slots' })
    await expect(slots.getByRole('row').filter({ hasText: 'BROWN' })).toContainText('Booked')
    // Tomorrow's visit cannot be recorded today: the slot says so and offers only cancel / rebook.
    await expect(page.getByRole('note')).toContainText('visits and did-not-attends can be recorded from that day')
    await expect(page.getByRole('button', { name: /^Record visit for .*BROWN/i })).toHaveCount(0)
    await expect(page.getByRole('button', { name: /^Did not attend: .*BROWN/i })).toHaveCount(0)
    await page.getByRole('button', { name: /^Cancel or rebook: .*BROWN/i }).click()
    const change = page.getByRole('region', { name: /Change appointment for .*BROWN/i })
    await change.getByLabel('Reason for cancelling').fill('Patient phoned: at work tomorrow')
    await snap(page, '07-cancel-or-rebook')
    await change.getByRole('button', { name: 'Cancel appointment' }).click()
    await expect(page.getByRole('status').filter({ hasText: /appointment was cancelled; the slot is free again/ })).toBeVisible()
    await expect(slots.getByRole('row').filter({ hasText: 'BROWN' })).toHaveCount(0)
  })

  await test.step("back on the re-invite list; the Today screen counts the did-not-attend and today's clinic", async () => {
    await navigate(page, 'Today')
    await expect(page.getByRole('button', { name: 'Clinics today: 1' })).toBeVisible()
    await expect(page.getByRole('button', { name: 'Did not attend — re-invite: 1' })).toBeVisible()
    await snap(page, '08-today')
  })

  await test.step('the follow-up interval per clinic type is also under Settings', async () => {
    await navigate(page, 'Settings')
    const intervals = page.getByRole('region', { name: 'Follow-up interval for each kind of clinic' })
    await intervals.getByLabel('Follow-up weeks for Pharmacist BP clinic').selectOption('8')
    await expect(intervals.getByRole('status')).toContainText('Follow-up after a Pharmacist BP clinic: 8 weeks.')
    await intervals.scrollIntoViewIfNeeded()
    await snap(page, '09-settings-follow-up-interval')
  })

  expect(pageErrors).toEqual([])
})
