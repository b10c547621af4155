// A pharmacist looks after the local services directory and chases a referral nobody heard back
// about: Settings › Local services lists the shipped examples (badged, with the no-contact warning),
// adds a service and deactivates it; Follow-ups › Referrals with no outcome lists a referral made
// 8 weeks ago, takes its outcome (which takes it off the list) and takes that back.
import Database from 'better-sqlite3'
import { expect, test } from './support/clinic-recall-host'
import { navigate, screenshotter, signIn } from './support/screens'

const snap = screenshotter('local-services-')

function isoDaysAgo(days: number): string {
  const d = new Date()
  d.setDate(d.getDate() - days)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

test('the directory of local services, and a referral with no outcome after 6 weeks', async ({ page, freshHost: host }) => {
  await signIn(page, host.url, 'Priya Shah', 'Clinician')

  const directory = page.getByRole('table', { name: 'Local services' })
  await test.step('Settings › Local services lists the examples, badged and warned about', async () => {
    await navigate(page, 'Settings')
    await expect(page.getByRole('heading', { name: 'Local services' })).toBeVisible()
    const social = directory.getByRole('row').filter({ hasText: 'Social prescribing link worker (GP-based)' })
    await expect(social).toContainText('Example')
    await expect(social).toContainText('has no contact details: patients cannot be told how to reach it')
    await expect(directory.getByRole('row').filter({ hasText: 'NHS Talking Therapies' })).toContainText('https://www.nhs.uk/nhs-services/')
  })

  await test.step('adds a service, refusing a phone that is not one beside its field', async () => {
    await page.getByRole('button', { name: 'Add a service' }).click()
    const form = page.getByRole('form', { name: 'Add a local service' })
    await form.getByLabel('Name').fill('Hackney Carers Centre')
    await form.getByLabel('Kind of service').selectOption('carers')
    await form.getByLabel('The patient can refer themselves').check()
    await form.getByLabel('Phone').fill('ring reception')
    await form.getByRole('button', { name: 'Add service' }).click()
    // Named beside the box and in the error summary at the top of the form, which takes focus and links to the box.
    await expect(form.locator('#service-new-phone-error')).toContainText('"ring reception" is not a phone number')
    const summary = form.locator('.nhsuk-error-summary')
    await expect(summary).toBeFocused()
    await summary.getByRole('link', { name: /"ring reception" is not a phone number/ }).click()
    await expect(form.getByLabel('Phone')).toBeFocused()
    await form.getByLabel('Phone').fill('020 7946 0123')
    await snap(page, '01-add-service')
    await form.getByRole('button', { name: 'Add service' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Hackney Carers Centre added.' })).toBeVisible()
    const carers = directory.getByRole('row').filter({ hasText: 'Hackney Carers Centre' })
    await expect(carers).toContainText('Patient or practice')
    await expect(carers).toContainText('020 7946 0123')
    await carers.getByRole('button', { name: 'Deactivate Hackney Carers Centre' }).click()
    await expect(carers).toContainText('Inactive')
    await carers.getByRole('button', { name: 'Reactivate Hackney Carers Centre' }).click()
    await expect(carers.getByRole('button', { name: 'Deactivate Hackney Carers Centre' })).toBeVisible()
    await snap(page, '02-directory')
  })

  await test.step('a referral made 8 weeks ago with no outcome is on the Follow-ups worklist; recording the outcome takes it off', async () => {
    // The visit forms will record referrals; until then the patient and the row are written as an import and they would write them.
    const db = new Database(host.databasePath)
    try {
      db.prepare(
        "INSERT INTO patients (nhs_number, given_name, family_name, created_at, updated_at) VALUES ('9434765919', 'Kwame', 'Mensah', 'now', 'now')"
      ).run()
      db.prepare(
        `INSERT INTO referrals (patient_id, service_id, referred_on, referred_by, kind, note, recorded_at)
         SELECT p.id, s.id, ?, 'Priya Shah', 'sent', 'Low mood since retiring', 'now' FROM patients p, local_services s
         WHERE p.nhs_number = '9434765919' AND s.name = 'NHS Talking Therapies'`
      ).run(isoDaysAgo(56))
    } finally {
      db.close()
    }
    await navigate(page, 'Follow-ups')
    const worklist = page.getByRole('table', { name: 'Referrals with no outcome' })
    const row = worklist.getByRole('row').filter({ hasText: 'NHS Talking Therapies' })
    await expect(row).toContainText('943 476 5919')
    await expect(row).toContainText('8 weeks ago')
    await expect(row).toContainText('Low mood since retiring')
    await page.getByRole('heading', { name: 'Referrals with no outcome' }).scrollIntoViewIfNeeded()
    await snap(page, '03-worklist')
    await row.getByRole('combobox').selectOption('attended')
    await row.getByRole('button', { name: /^Record the outcome of / }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Outcome recorded for' })).toContainText('Attended')
    await expect(page.getByText('None: every referral made more than 6 weeks ago has its outcome recorded.')).toBeVisible()
    await page.getByRole('button', { name: 'Take it back' }).click()
    await expect(worklist.getByRole('row').filter({ hasText: 'NHS Talking Therapies' })).toBeVisible()
  })
})
