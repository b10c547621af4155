// Booking as a receptionist does it, by keyboard, on a 1366×768 screen: two clinics on the same day,
// only one open at a time whichever view it is chosen from, every id on the page unique, Book on a slot
// taking focus into that clinic's own booking form, and the booking's result taking focus. Then a
// did-not-attend asked about first, and undone; and a patient booked straight from the
// invited-but-not-booked worklist, one row's booking open at a time.
import type { Locator, Page } from '@playwright/test'
import { expect, test } from './support/clinic-recall-host'
import { fillPracticeDetails } from './support/practice-settings'
import { isoDaysFromToday, writeExport } from './support/recall-export'
import { navigate, screenshotter, signIn } from './support/screens'
import { expectUniqueIds } from './support/unique-ids'

const snap = screenshotter('booking-')
const monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const ukDate = (iso: string) => {
  const [y, m, d] = iso.split('-')
  return `${Number(d)} ${monthNames[Number(m) - 1]} ${y}`
}

/** The open clinic panels: a card titled "<type> — <date> from <time>". */
const clinicPanels = (page: Page) => page.getByRole('region', { name: / — \d{1,2} [A-Z][a-z]{2} \d{4} from \d{2}:\d{2}$/ })

/** Exactly one clinic open (this one), one booking form, and no id used twice. */
async function expectOnlyOpen(page: Page, name: RegExp, step: string): Promise<Locator> {
  await expect(clinicPanels(page)).toHaveCount(1)
  const panel = clinicPanels(page).first()
  await expect(panel).toHaveAccessibleName(name)
  await expect(page.getByRole('form', { name: 'Book a patient' })).toHaveCount(1)
  await expectUniqueIds(page, step)
  return panel
}

/** The element that has focus is inside `within` and matches `what` (its text or its accessible name). */
async function expectFocusIn(page: Page, within: Locator, what: RegExp): Promise<void> {
  await expect(within.locator(':focus')).toHaveCount(1)
  const focused = within.locator(':focus')
  const text = `${(await focused.getAttribute('aria-label')) ?? ''} ${await focused.innerText()} ${(await focused.getAttribute('id')) ?? ''}`
  expect(text).toMatch(what)
}

test('a receptionist books by keyboard into the right clinic, undoes a mistaken did-not-attend, and books from the worklist', async ({
  page,
  freshHost: host
}) => {
  const pageErrors: string[] = []
  page.on('pageerror', (error) => pageErrors.push(error.message))
  await page.setViewportSize({ width: 1366, height: 768 })
  const today = isoDaysFromToday(0)
  const morning = new RegExp(`^Hypertension review — ${ukDate(today)} from 09:00$`)
  const afternoon = new RegExp(`^Pharmacist BP clinic — ${ukDate(today)} from 14:00$`)

  await test.step('import the export, build the cohort and send the 1st invitations', async () => {
    await signIn(page, host.url, 'Rita Reception', 'Admin')
    await fillPracticeDetails(page)
    await navigate(page, 'Import')
    await page.getByLabel('Export files').setInputFiles(writeExport(host.workDir))
    await page.getByRole('button', { name: 'Preview import' }).click()
    await page.getByRole('button', { name: /^Import \d+ patients?$/ }).click()
    await expect(page.getByRole('heading', { name: 'Import complete' })).toBeVisible()
    await navigate(page, 'Cohorts')
    await page.getByLabel('Cohort definition').selectOption('uncontrolled-hypertension')
    await page.getByRole('button', { name: 'Build and save cohort' }).click()
    await expect(page.getByRole('tab', { name: 'Members (5)' })).toBeVisible()
    await page.getByLabel('Invitation attempt').selectOption('1')
    await page.getByLabel('Letter date').fill(isoDaysFromToday(-3))
    await page.getByRole('button', { name: 'Create invitation letters' }).click()
    await expect(page.getByRole('status').filter({ hasText: /^Batch #1/ })).toBeVisible()
  })

  await test.step("create today's morning and afternoon clinics: one panel, one booking form, ids unique", async () => {
    await navigate(page, 'Clinics')
    const create = async (type: string, start: string, minutes: string) => {
      await page.getByLabel('Clinic type').fill(type)
      await page.getByLabel('Date', { exact: true }).fill(today)
      await page.getByLabel('Start time').fill(start)
      await page.getByLabel('Number of slots').fill('4')
      await page.getByLabel('Slot length (minutes)').fill(minutes)
      await page.getByRole('button', { name: 'Create clinic' }).click()
      await expect(page.getByText(/Clinic created/)).toBeVisible()
    }
    await create('Hypertension review', '09:00', '15')
    await expectOnlyOpen(page, morning, 'first clinic created')
    await create('Pharmacist BP clinic', '14:00', '20')
    await expectOnlyOpen(page, afternoon, 'second clinic created')
    // The path that once piled up panels: Today, after creating a clinic.
    await page.getByRole('region', { name: 'Clinic sessions' }).getByRole('button', { name: 'Today', exact: true }).click()
    await expectOnlyOpen(page, morning, 'Today pressed')
    await snap(page, '01-two-clinics-one-open')
  })

  await test.step('choosing a session in the week and list views replaces the open clinic and takes focus to it', async () => {
    const sessions = page.getByRole('region', { name: 'Clinic sessions' })
    await sessions.getByRole('button', { name: 'Week', exact: true }).click()
    const afternoonSession = page
      .getByRole('list', { name: /^Week of / })
      .getByRole('button', { name: `Open clinic Pharmacist BP clinic on ${ukDate(today)} at 14:00` })
    await afternoonSession.focus()
    await page.keyboard.press('Enter')
    const panel = await expectOnlyOpen(page, afternoon, 'opened from the week view')
    await expectFocusIn(page, panel, /Pharmacist BP clinic/)
    await sessions.getByRole('button', { name: 'All sessions', exact: true }).click()
    await sessions.getByRole('button', { name: `Open clinic Hypertension review on ${ukDate(today)}` }).click()
    await expectOnlyOpen(page, morning, 'opened from the list')
    await sessions.getByRole('button', { name: `Open clinic Pharmacist BP clinic on ${ukDate(today)} at 14:00` }).click()
    await expectOnlyOpen(page, afternoon, 'opened from the day view')
  })

  await test.step("Book on the 14:40 slot takes focus into the afternoon clinic's form; booked by keyboard alone", async () => {
    const panel = clinicPanels(page).first()
    await panel.getByRole('button', { name: 'Book slot 14:40' }).focus()
    await page.keyboard.press('Enter')
    // The cohort is open, so the patient field is the cohort picker of this clinic's own form.
    await expectFocusIn(page, panel, /Patient from cohort|book-member/)
    await expect(panel.getByLabel('Slot', { exact: true })).toHaveValue('2')
    await page.keyboard.press('Tab')
    await expectFocusIn(page, panel, /book-nhs/)
    await page.keyboard.type('999 000 1006')
    await page.keyboard.press('Enter')
    const booked = panel.getByRole('status').filter({ hasText: 'Booked 999 000 1006 at 14:40.' })
    await expect(booked).toBeVisible()
    await expect(panel.locator('.focus-target:focus')).toContainText('Booked 999 000 1006 at 14:40.')
    await expect(booked).toBeInViewport()
    const slots = panel.getByRole('table', { name: 'Clinic slots' })
    await expect(slots.getByRole('row').filter({ hasText: '14:40' })).toContainText('Tom BROWN')
    await expectUniqueIds(page, 'booked')
    await snap(page, '02-booked-by-keyboard')
    // Nobody went into the morning clinic.
    await page.getByRole('region', { name: 'Clinic sessions' }).getByRole('button', { name: 'Day', exact: true }).click()
    await expect(page.getByRole('button', { name: `Open clinic Hypertension review on ${ukDate(today)} at 09:00` })).toContainText('0/4 booked')
    await expect(page.getByRole('button', { name: `Open clinic Pharmacist BP clinic on ${ukDate(today)} at 14:00` })).toContainText('1/4 booked')
  })

  await test.step('a refused booking: the refusal takes focus in the same clinic', async () => {
    const panel = clinicPanels(page).first()
    await panel.getByLabel('NHS number').fill('999 000 1006')
    await panel.getByRole('button', { name: 'Book appointment' }).click()
    const refusal = panel.getByRole('alert').filter({ hasText: 'already booked into this clinic at 14:40' })
    await expect(refusal).toBeVisible()
    await expect(panel.locator('.focus-target:focus')).toContainText('The patient was not booked')
    await panel.getByLabel('NHS number').fill('')
  })

  await test.step('"Did not attend" asks first; Cancel changes nothing and hands focus back', async () => {
    const panel = clinicPanels(page).first()
    const row = panel.getByRole('table', { name: 'Clinic slots' }).getByRole('row').filter({ hasText: 'Tom BROWN' })
    await row.getByRole('button', { name: 'Did not attend: Tom BROWN' }).click()
    const confirm = row.getByRole('group', { name: 'Mark Tom BROWN as did not attend the 14:40 appointment?' })
    await expect(confirm).toBeVisible()
    await expect(confirm).toBeFocused()
    await snap(page, '03-did-not-attend-asked')
    await confirm.getByRole('button', { name: 'Cancel' }).click()
    await expect(row).toContainText('Booked')
    await expect(row.getByRole('button', { name: 'Did not attend: Tom BROWN' })).toBeFocused()
  })

  await test.step('confirmed: marked did not attend, on the re-invite list; then undone', async () => {
    const panel = clinicPanels(page).first()
    const row = panel.getByRole('table', { name: 'Clinic slots' }).getByRole('row').filter({ hasText: 'Tom BROWN' })
    await row.getByRole('button', { name: 'Did not attend: Tom BROWN' }).click()
    await row
      .getByRole('group', { name: /^Mark Tom BROWN as did not attend/ })
      .getByRole('button', { name: 'Yes' })
      .click()
    await expect(row).toContainText('Did not attend')
    const notice = panel.getByRole('status').filter({ hasText: 'Tom BROWN marked as did not attend the 14:40 appointment' })
    await expect(notice).toBeVisible()
    await expect(panel.locator('.focus-target:focus')).toContainText('marked as did not attend')
    await snap(page, '04-did-not-attend-marked')

    await navigate(page, 'Follow-ups')
    const reinvite = page.getByRole('table', { name: 'Did not attend — to re-invite' }).getByRole('row').filter({ hasText: 'Tom BROWN' })
    await expect(reinvite.getByRole('button', { name: 'Book Tom BROWN again' })).toBeVisible()
    await expect(reinvite.getByRole('button', { name: 'Undo did not attend: Tom BROWN' })).toBeVisible()
    await reinvite.scrollIntoViewIfNeeded()
    await snap(page, '05-re-invite-list')
    await navigate(page, 'Clinics')
    const reopened = await expectOnlyOpen(page, morning, 'back on Clinics')
    await expect(reopened).toBeVisible()
    await page.getByRole('button', { name: `Open clinic Pharmacist BP clinic on ${ukDate(today)} at 14:00` }).click()
    const again = await expectOnlyOpen(page, afternoon, 'afternoon clinic again')
    const dnaRow = again.getByRole('table', { name: 'Clinic slots' }).getByRole('row').filter({ hasText: 'Tom BROWN' })
    await dnaRow.getByRole('button', { name: 'Undo did not attend: Tom BROWN' }).click()
    await expect(dnaRow).toContainText('Booked')
    await expect(dnaRow.getByRole('button', { name: 'Record visit for Tom BROWN' })).toBeVisible()
    await expect(again.locator('.focus-target:focus')).toContainText('Did not attend undone: Tom BROWN is booked again at 14:40')
    await snap(page, '06-did-not-attend-undone')

    await navigate(page, 'Follow-ups')
    await expect(page.getByText('Nobody: everyone who missed a clinic has been booked again.')).toBeVisible()
    await navigate(page, 'Activity log')
    await expect(page.getByText(/Undid the did-not-attend of 999 000 1006 at the Pharmacist BP clinic/)).toBeVisible()
    await expect(page.getByText(/999 000 1006 did not attend the Pharmacist BP clinic/)).toBeVisible()
  })

  await test.step('book Jane Smith from the invited-but-not-booked list by keyboard, one row open at a time', async () => {
    await navigate(page, 'Invitations')
    const invited = page.getByRole('table', { name: 'Invited but not booked' })
    await expect(invited.getByRole('row').filter({ hasText: 'Tom BROWN' })).toHaveCount(0)
    await invited.getByRole('button', { name: 'Book Anita PATEL' }).click()
    await expect(page.getByRole('region', { name: 'Book Anita PATEL' })).toBeVisible()
    // Escape closes it and hands focus back to its row's Book button.
    await page.keyboard.press('Escape')
    await expect(page.getByRole('region', { name: 'Book Anita PATEL' })).toHaveCount(0)
    await expect(invited.getByRole('button', { name: 'Book Anita PATEL' })).toBeFocused()
    await invited.getByRole('button', { name: 'Book Anita PATEL' }).click()

    const book = invited.getByRole('button', { name: 'Book Jane SMITH' })
    await book.focus()
    await page.keyboard.press('Enter')
    await expect(book).toHaveAttribute('aria-expanded', 'true')
    // One row's booking at a time: Anita's closed when Jane's opened.
    await expect(page.getByRole('region', { name: /^Book / })).toHaveCount(1)
    const panel = page.getByRole('region', { name: 'Book Jane SMITH' })
    const picker = panel.getByLabel('Clinic for Jane SMITH')
    await expect(picker).toBeFocused()
    await page.keyboard.press('ArrowDown')
    await expect(picker.locator('option:checked')).toContainText(`${ukDate(today)} 09:00 — Hypertension review`)
    await expectUniqueIds(page, 'invited-not-booked booking open')
    await snap(page, '07-book-from-invited-list')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    const done = page.getByRole('status').filter({ hasText: `Jane SMITH booked: Hypertension review, ${ukDate(today)} at 09:00.` })
    await expect(done).toBeVisible()
    await expect(page.locator('.focus-target:focus')).toContainText('Jane SMITH booked')
    await expect(done).toBeInViewport()
    await expect(invited.getByRole('row').filter({ hasText: 'Jane SMITH' })).toHaveCount(0)
    await snap(page, '08-booked-from-invited-list')

    await navigate(page, 'Clinics')
    const morningPanel = await expectOnlyOpen(page, morning, 'morning clinic with Jane')
    await expect(morningPanel.getByRole('table', { name: 'Clinic slots' }).getByRole('row').filter({ hasText: '09:00' })).toContainText('Jane SMITH')
  })

  await test.step("a past clinic's appointment left open: its did-not-attend is asked first, and undone from the notice and from the re-invite list", async () => {
    const yesterday = isoDaysFromToday(-1)
    await navigate(page, 'Clinics')
    await page.getByLabel('Clinic type').fill('Hypertension review')
    await page.getByLabel('Date', { exact: true }).fill(yesterday)
    await page.getByLabel('Start time').fill('10:00')
    await page.getByRole('button', { name: 'Create clinic' }).click()
    const past = await expectOnlyOpen(page, new RegExp(`^Hypertension review — ${ukDate(yesterday)} from 10:00$`), 'past clinic created')
    await past.getByLabel('NHS number').fill('999 000 0018')
    await past.getByRole('button', { name: 'Book appointment' }).click()
    await expect(past.getByText('Booked 999 000 0018 at 10:00.')).toBeVisible()

    await navigate(page, 'Follow-ups')
    const leftOpen = page.getByRole('table', { name: 'Appointments left open in a past clinic' })
    const row = leftOpen.getByRole('row').filter({ hasText: 'Ama MENSAH' })
    await row.getByRole('button', { name: /^Did not attend: Ama MENSAH/ }).click()
    const confirm = row.getByRole('group', { name: `Mark Ama MENSAH as did not attend the 10:00 appointment on ${ukDate(yesterday)}?` })
    await expect(confirm).toBeFocused()
    await snap(page, '09-left-open-did-not-attend-asked')
    await confirm.getByRole('button', { name: 'Yes' }).click()
    await expect(row).toHaveCount(0)
    const card = page.getByRole('region', { name: 'Appointments left open in a past clinic' })
    await card.getByRole('status').getByRole('button', { name: 'Undo did not attend' }).click()
    await expect(card.getByRole('status')).toContainText('Did not attend undone: Ama MENSAH is booked again at 10:00')
    await expect(row).toBeVisible()

    await row.getByRole('button', { name: /^Did not attend: Ama MENSAH/ }).click()
    await row
      .getByRole('group', { name: /^Mark Ama MENSAH as did not attend/ })
      .getByRole('button', { name: 'Yes' })
      .click()
    const reinvite = page.getByRole('table', { name: 'Did not attend — to re-invite' }).getByRole('row').filter({ hasText: 'Ama MENSAH' })
    await reinvite.getByRole('button', { name: 'Undo did not attend: Ama MENSAH' }).click()
    await expect(page.getByRole('region', { name: 'Did not attend — to re-invite' }).getByRole('status')).toContainText(
      'Did not attend undone: Ama MENSAH is booked again at 10:00'
    )
    await expect(reinvite).toHaveCount(0)
    await expect(row).toBeVisible()
    await expectUniqueIds(page, 'follow-ups after the undo')
  })

  expect(pageErrors).toEqual([])
})
