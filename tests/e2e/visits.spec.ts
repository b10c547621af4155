// The visit on its clinic's form in a real browser against the real services, at 1366 × 768 (the
// practice laptops): a pharmacist runs a Time to Talk clinic — what matters to the patient, PHQ-9
// item by item with the same-day risk prompt raised the moment item 9 is answered above 0 and kept
// in view after saving, GAD-7 as a total, ONS4, UCLA-3, two referrals (one to a service with no
// contact details, warned about), and the patient's "What we agreed" summary printed — then a BP
// clinic where the patient has stopped their tablets because of side effects and is switched.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from './support/clinic-recall-host'
import { navigate, screenshotter, signIn } from './support/screens'

const snap = screenshotter('visits-')

function isoDaysFromToday(days: number): string {
  const d = new Date()
  d.setDate(d.getDate() + days)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const emisDate = (iso: string) => {
  const [y, m, d] = iso.split('-')
  return `${d}-${monthNames[Number(m) - 1]}-${y}`
}

/** Two patients with hypertension and diabetes on their registers, one reading each five weeks ago. */
function writeExport(dir: string): string {
  const read = emisDate(isoDaysFromToday(-35))
  const header =
    '"NHS Number","EMIS Number","Title","Family Name","Calling Name","Date of Birth","Gender","Ethnicity","Postcode","Date","Code","Code Term","Value"'
  const patient = (nhs: string, emis: string, title: string, family: string, given: string, postcode: string) => [
    `${nhs},${emis},${title},${family},${given},12-Mar-1958,${title === 'Mr' ? 'M' : 'F'},Black Caribbean,${postcode},12-Jan-2020,59621000,Essential hypertension,`,
    `,,,,,,,,,14-Feb-2019,44054006,Type 2 diabetes mellitus,`,
    `,,,,,,,,,${read},271649006,Systolic blood pressure,164`,
    `,,,,,,,,,${read},271650006,Diastolic blood pressure,98`
  ]
  const lines = [
    'Report Name:,Time to Talk and BP recall,',
    ',,',
    header,
    ...patient('999 100 0003', '1001', 'Mrs', 'SMITH', 'Jane', 'SW2 5SG'),
    ...patient('999 000 1006', '1002', 'Mr', 'BROWN', 'Tom', 'SW9 6BU')
  ]
  const path = join(dir, 'emis-visits.csv')
  writeFileSync(path, `${lines.join('\r\n')}\r\n`)
  return path
}

test('a pharmacist runs a Time to Talk clinic and a BP clinic on their forms', async ({ page, freshHost: host }) => {
  await page.setViewportSize({ width: 1366, height: 768 })
  const pageErrors: string[] = []
  page.on('pageerror', (error) => pageErrors.push(error.message))
  const today = isoDaysFromToday(0)

  await test.step('import the export and create today’s Time to Talk clinic with Jane Smith booked', async () => {
    await signIn(page, host.url, 'Amara Okoye', 'Clinician')
    // The summary the patient takes home carries the practice's own name and phone.
    await navigate(page, 'Settings')
    await page.getByLabel('Practice name').fill('Riverside Medical Practice')
    await page.getByLabel('Practice address (one line per row)').fill('1 River Road\nLondon SE1 1AA')
    await page.getByLabel('Phone').fill('020 7946 0000')
    await page.getByLabel('Letters signed by').fill('Amara Okoye, Practice Pharmacist')
    await page.getByLabel('How to book').fill('Please call us on 020 7946 0000 to book.')
    await page.getByRole('button', { name: 'Save settings' }).click()
    await expect(page.getByText('Settings saved.')).toBeVisible()
    await navigate(page, 'Import')
    await page.getByLabel('Export files').setInputFiles(writeExport(host.workDir))
    await page.getByRole('button', { name: 'Preview import' }).click()
    await page.getByRole('button', { name: /^Import \d+ patients?$/ }).click()
    await expect(page.getByRole('heading', { name: 'Import complete' })).toBeVisible()
    await navigate(page, 'Clinics')
    await page.getByLabel('Clinic type').fill('Time to Talk')
    await page.getByLabel('Date', { exact: true }).fill(today)
    await page.getByLabel('Start time').fill('09:00')
    await page.getByLabel('Number of slots').fill('4')
    await page.getByLabel('Slot length (minutes)').fill('30')
    await page.getByRole('button', { name: 'Create clinic' }).click()
    await expect(page.getByText(/Clinic created/)).toBeVisible()
    await page.getByLabel('NHS number').fill('999 100 0003')
    await page.getByRole('button', { name: 'Book appointment' }).click()
    await expect(page.getByText(/^Booked 999 100 0003 at 09:00\.$/)).toBeVisible()
  })

  const form = page.getByRole('form', { name: /^Time to Talk review for .*SMITH/i })
  await test.step('the Time to Talk form: no BP needed, the register conditions to confirm, what matters to the patient', async () => {
    await page.getByRole('button', { name: /^Record visit for .*SMITH/i }).click()
    await expect(form).toBeVisible()
    await expect(form).toContainText('No BP is needed')
    await expect(form.getByLabel(/^Hypertension/)).toBeVisible()
    await form.getByLabel(/^Hypertension/).check()
    await form.getByLabel(/^Diabetes/).check()
    await form.getByLabel('Low mood', { exact: true }).check()
    await form.getByLabel('Loneliness', { exact: true }).check()
    await snap(page, '01-time-to-talk-form')
  })

  await test.step('PHQ-9 item by item: the risk prompt appears the moment item 9 is answered above 0, and stays in view', async () => {
    await form.getByRole('radiogroup', { name: 'How PHQ-9 is entered' }).getByLabel('Item by item').check()
    const answers = [2, 2, 1, 2, 1, 1, 1, 1]
    const labels = ['Not at all', 'Several days', 'More than half the days', 'Nearly every day']
    for (const [i, answer] of answers.entries()) {
      await form.getByRole('radio', { name: new RegExp(`^PHQ-9 item ${i + 1}, .*: ${labels[answer]}$`) }).check()
    }
    await expect(form.getByRole('status').filter({ hasText: 'PHQ-9' })).toContainText('No score yet')
    await expect(page.getByRole('alert').filter({ hasText: 'Same-day risk' })).toHaveCount(0)
    await form.getByRole('radio', { name: /^PHQ-9 item 9, .*: Several days$/ }).check()
    const prompt = page.getByRole('alert').filter({ hasText: 'Same-day risk' })
    await expect(prompt).toBeVisible()
    await expect(prompt).toContainText('Assess the risk today, before the patient leaves')
    await expect(prompt).toContainText('follow the practice’s protocol')
    await expect(prompt).toContainText('follow the practice’s same-day procedure for risk of suicide or self-harm')
    await expect(form.getByRole('status').filter({ hasText: 'PHQ-9 total' })).toContainText(
      'PHQ-9 total 12: Moderate (bands: Kroenke, Spitzer & Williams 2001)'
    )
    await snap(page, '02-phq9-risk-prompt')
  })

  await test.step('GAD-7 as a total, ONS4, UCLA-3 item by item; two referrals, one warned about', async () => {
    await form.getByRole('radiogroup', { name: 'How GAD-7 is entered' }).getByLabel('Total only (from a paper form)').check()
    await form.getByLabel('GAD-7 total (0–21)').fill('8')
    await expect(form.getByRole('status').filter({ hasText: 'GAD-7 total' })).toContainText('GAD-7 total 8: Mild')
    await form.getByLabel('Asked the four ONS well-being questions').check()
    await form.getByLabel('Life satisfaction (0–10)').fill('4')
    await form.getByLabel('Worthwhile (0–10)').fill('6')
    await form.getByLabel('Happiness (0–10)').fill('5')
    await form.getByLabel('Anxiety (0–10)').fill('7')
    await form.getByRole('radiogroup', { name: 'How UCLA-3 is entered' }).getByLabel('Item by item').check()
    await form.getByRole('radio', { name: /^UCLA-3 item 1, .*: Often$/ }).check()
    await form.getByRole('radio', { name: /^UCLA-3 item 2, .*: Some of the time$/ }).check()
    await form.getByRole('radio', { name: /^UCLA-3 item 3, .*: Often$/ }).check()
    await expect(form.getByRole('status').filter({ hasText: 'UCLA-3 total' })).toContainText('UCLA-3 total 8: Lonely (6–9)')

    await form.getByLabel('Refer or signpost to NHS Talking Therapies').check()
    await form.getByLabel('Refer or signpost to Social prescribing link worker (GP-based)').check()
    await expect(form.getByRole('status').filter({ hasText: 'has no contact details' })).toContainText('Social prescribing link worker (GP-based)')
    await form.getByLabel('What we agreed with the patient').fill('Try the walking group at the library on Tuesdays. Call NHS Talking Therapies this week.')
    await form.getByLabel('Note').fill('Daughter visits weekly. Discussed item 9 with duty GP.')
    await form.getByRole('heading', { name: 'Conditions, referrals and what was agreed' }).scrollIntoViewIfNeeded()
    // Far below PHQ-9, the reminder is still in view.
    await expect(form.getByText(/PHQ-9 item 9 was answered above 0 — assess .*SMITH.* before they leave/i)).toBeInViewport()
    await snap(page, '03-referrals-and-plan')
  })

  await test.step('save: scores with their bands, the referrals, and the risk prompt still on screen', async () => {
    await form.getByRole('button', { name: 'Save visit' }).click()
    const outcome = page.getByRole('status').filter({ hasText: /Visit recorded for .*SMITH/i })
    await expect(outcome).toContainText('No BP taken (not needed at a Time to Talk review)')
    await expect(outcome).toContainText('PHQ-9: 12 Moderate')
    await expect(outcome).toContainText('GAD-7: 8 Mild')
    await expect(outcome).toContainText('ONS4: life satisfaction 4 Low · worthwhile 6 Medium · happiness 5 Medium · anxiety 7 High')
    await expect(outcome).toContainText('UCLA-3: 8 Lonely (6–9)')
    await expect(outcome).toContainText('Signposted to NHS Talking Therapies')
    await expect(outcome).toContainText('Referral sent to Social prescribing link worker (GP-based)')
    await expect(outcome).toContainText('has no contact details')
    await expect(page.getByRole('alert').filter({ hasText: /Same-day risk: assess .*SMITH today/i })).toBeVisible()
    const row = page.getByRole('table', { name: 'Clinic slots' }).getByRole('row').filter({ hasText: 'SMITH' })
    await expect(row).toContainText('Same-day risk prompted (PHQ-9 item 9)')
    await expect(row).toContainText('PHQ-9 12 Moderate')
    await expect(row).toContainText('Referred: Social prescribing link worker (GP-based)')
    await page.getByRole('alert').filter({ hasText: 'Same-day risk' }).first().scrollIntoViewIfNeeded()
    await snap(page, '04-time-to-talk-saved')
  })

  await test.step('print the patient’s “What we agreed” summary', async () => {
    const downloading = page.waitForEvent('download')
    await page.getByRole('button', { name: /^Print “What we agreed” for .*SMITH/i }).click()
    const download = await downloading
    expect(download.suggestedFilename()).toMatch(new RegExp(`^what-we-agreed-appointment-\\d+-${today}\\.pdf$`))
    expect(
      readFileSync(await download.path())
        .subarray(0, 5)
        .toString()
    ).toBe('%PDF-')
    await expect(page.getByText(/Saved what-we-agreed-appointment-\d+-.*\.pdf: give it to the patient before they leave\./)).toBeVisible()
    await expect(page.getByText(/Warning: Social prescribing link worker \(GP-based\) has no contact details: the summary asks the patient/)).toBeVisible()
    // Hidden only when the clinician says the risk was assessed.
    await page.getByRole('button', { name: /^Risk assessed for .*SMITH.*: hide this prompt$/i }).click()
    await expect(page.getByRole('alert').filter({ hasText: 'Same-day risk' })).toHaveCount(0)
  })

  await test.step('a BP clinic: the patient stopped their tablets because of side effects and is switched', async () => {
    await page.getByLabel('Clinic type').fill('Pharmacist BP clinic')
    await page.getByLabel('Date', { exact: true }).fill(today)
    await page.getByLabel('Start time').fill('14:00')
    await page.getByLabel('Number of slots').fill('4')
    await page.getByLabel('Slot length (minutes)').fill('20')
    await page.getByRole('button', { name: 'Create clinic' }).click()
    await expect(page.getByText(/Clinic created/)).toBeVisible()
    await page.getByLabel('NHS number').fill('999 000 1006')
    await page.getByRole('button', { name: 'Book appointment' }).click()
    await expect(page.getByText(/^Booked 999 000 1006 at 14:00\.$/)).toBeVisible()
    await page.getByRole('button', { name: /^Record visit for .*BROWN/i }).click()

    const bp = page.getByRole('form', { name: /^BP review for .*BROWN/i })
    await expect(bp).toContainText('At least one BP reading, unless the patient declined')
    // Saved with nothing: the reading is asked for, beside its box.
    await bp.getByRole('button', { name: 'Save visit' }).click()
    await expect(bp.getByRole('alert')).toContainText('A BP review needs at least one BP reading')
    // The design system's error summary at the top of the form takes focus; its link puts the cursor in the box to fill.
    const summary = bp.locator('.nhsuk-error-summary')
    await expect(summary).toBeFocused()
    await expect(summary.getByRole('heading', { name: 'The visit was not saved: one thing needs correcting' })).toBeVisible()
    await summary.getByRole('link', { name: 'A BP review needs at least one BP reading' }).click()
    await expect(bp.getByLabel('Reading 1 systolic (mmHg)')).toBeFocused()
    await bp.getByLabel('Reading 1 systolic (mmHg)').fill('168')
    await bp.getByLabel('Reading 1 diastolic (mmHg)').fill('102')
    await bp.getByRole('button', { name: 'Add another reading' }).click()
    await bp.getByLabel('Reading 2 systolic (mmHg)').fill('162')
    await bp.getByLabel('Reading 2 diastolic (mmHg)').fill('99')
    await expect(bp.getByText('BP to be recorded: 162/99')).toBeVisible()
    await bp.getByLabel('Has stopped taking it').check()
    await bp.getByLabel('Side effects', { exact: true }).check()
    await bp.getByLabel('Other', { exact: true }).check()
    await bp.getByRole('button', { name: 'Save visit' }).click()
    await expect(bp.getByRole('alert')).toContainText('Reason “Other” is chosen: write the patient’s reason.')
    await bp.getByLabel('The patient’s reason').fill('Ankles swelled on amlodipine')
    await bp.getByRole('button', { name: 'Add a medicine change' }).click()
    await bp.getByLabel('Change 1', { exact: true }).selectOption('switched')
    await bp.getByLabel('Medicine 1 and dose').fill('amlodipine to lercanidipine 10 mg')
    await bp.getByLabel('Agreed to start home monitoring').check()
    await bp.getByRole('radio', { name: 'Smoking: Offered, declined' }).check()
    await bp.getByRole('radio', { name: 'Physical activity: Brief advice given' }).check()
    await bp.getByLabel(/^Hypertension/).check()
    await bp.getByLabel('What we agreed with the patient').fill('Take lercanidipine instead of amlodipine. Check your BP at home for 7 days.')
    await snap(page, '05-bp-review-form')
    await bp.getByRole('button', { name: 'Save visit' }).click()

    const outcome = page.getByRole('status').filter({ hasText: /Visit recorded for .*BROWN/i })
    await expect(outcome).toContainText('BP used: 162/99')
    await expect(outcome).toContainText('priority P2')
    const row = page.getByRole('table', { name: 'Clinic slots' }).getByRole('row').filter({ hasText: 'BROWN' })
    await expect(row).toContainText('Attended')
    await expect(row).toContainText('Medication change, Lifestyle advice, Home BP monitoring')
    await expect(row).toContainText('Has stopped taking it: Side effects, Ankles swelled on amlodipine')
    await expect(row).toContainText('Switched: amlodipine to lercanidipine 10 mg')
    await snap(page, '06-bp-review-saved')
    // A second copy of the summary, from the slot table.
    const downloading = page.waitForEvent('download')
    await row.getByRole('button', { name: /^Summary for .*BROWN: print “What we agreed”$/i }).click()
    expect((await downloading).suggestedFilename()).toMatch(new RegExp(`^what-we-agreed-appointment-\\d+-${today}\\.pdf$`))
  })

  expect(pageErrors).toEqual([])
})
