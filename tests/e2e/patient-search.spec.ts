// A receptionist finds a patient from the header search on any screen, by name, opens the patient's
// page, and books them into a clinic with the keyboard alone; then finds another by NHS number with
// Enter. Screenshots at 1366×768 (a practice laptop) and axe at each step.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { searchPatients, searchPracticeExport } from '../support/patient-search-practice'
import { expect, test } from './support/clinic-recall-host'
import { navigate, screenshotter } from './support/screens'

const snap = screenshotter('patient-search-')

test.use({ viewport: { width: 1366, height: 768 } })

function isoDaysFromToday(days: number): string {
  const d = new Date()
  d.setDate(d.getDate() + days)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

test('a receptionist finds a patient by name from the header, opens their page and books them into a clinic by keyboard', async ({ page, freshHost: host }) => {
  const exportPath = join(host.workDir, 'search-practice.csv')
  writeFileSync(exportPath, searchPracticeExport(isoDaysFromToday(-30)))
  const pageErrors: string[] = []
  page.on('pageerror', (error) => pageErrors.push(error.message))

  await test.step('sign in as reception, import the practice, build a cohort and create a clinic', async () => {
    await page.goto(host.url)
    // Nobody signed in: no patient search in the header.
    await expect(page.getByLabel('Your name')).toBeVisible()
    await expect(page.getByRole('combobox', { name: 'Find a patient' })).toHaveCount(0)
    await page.getByLabel('Your name').fill('Rita Reception')
    await page.getByLabel(/^Admin \/ reception/).check()
    await page.getByRole('button', { name: 'Sign in' }).click()
    await navigate(page, 'Import')
    await page.getByLabel('Export files').setInputFiles(exportPath)
    await page.getByRole('button', { name: 'Preview import' }).click()
    await page.getByRole('button', { name: /^Import \d+ patients?$/ }).click()
    await expect(page.getByRole('heading', { name: 'Import complete' })).toBeVisible()
    await navigate(page, 'Cohorts')
    await page.getByLabel('Cohort definition').selectOption('uncontrolled-hypertension')
    await page.getByRole('button', { name: 'Build and save cohort' }).click()
    await expect(page.getByRole('tab', { name: /^Members \(\d+\)$/ })).toBeVisible()
    await navigate(page, 'Clinics')
    await page.getByLabel('Clinic type').fill('Hypertension review')
    await page.getByLabel('Date', { exact: true }).fill(isoDaysFromToday(7))
    await page.getByLabel('Number of slots').fill('6')
    await page.getByRole('button', { name: 'Create clinic' }).click()
    await expect(page.getByText(/Clinic created/)).toBeVisible()
  })

  const search = page.getByRole('combobox', { name: 'Find a patient' })

  await test.step('type part of the name in any order, without the accents: the list shows her; arrow down and Enter opens her page', async () => {
    await search.click()
    await search.pressSequentially('garcia zo')
    const results = page.getByRole('listbox', { name: 'Patients found' })
    const zoe = results.getByRole('option', { name: /Zoë GARCÍA/ })
    await expect(zoe).toBeVisible()
    await expect(zoe).toContainText('943 476 5919')
    await expect(search).toHaveAttribute('aria-expanded', 'true')
    await page.keyboard.press('ArrowDown')
    await expect(zoe).toHaveAttribute('aria-selected', 'true')
    await expect(search).toHaveAttribute('aria-activedescendant', (await zoe.getAttribute('id')) ?? '')
    await snap(page, '01-results')
    await page.keyboard.press('Enter')
    const heading = page.getByRole('heading', { level: 1, name: 'Zoë GARCÍA' })
    await expect(heading).toBeVisible()
    await expect(heading).toBeFocused()
    await expect(search).toHaveValue('')
    // The section the search was made from is no longer the page shown.
    await expect(page.getByRole('navigation', { name: 'Sections' }).locator('[aria-current="page"]')).toHaveCount(0)
  })

  await test.step('the page shows her registers, her BP on a chart with its table, the cohort that listed her and why, and what re-inviting means', async () => {
    await expect(page.getByText('NHS number 943 476 5919')).toBeVisible()
    await expect(page.getByRole('region', { name: 'Details' })).toContainText('Hypertension since 12 Jan 2020')
    await expect(page.getByRole('figure', { name: 'Blood pressure over time' })).toBeVisible()
    const readings = page.getByRole('table', { name: 'Blood pressure readings' })
    // Newest first: the latest import, then the two before it.
    await expect(readings.getByRole('row')).toHaveCount(4)
    await expect(readings.getByRole('row').nth(1)).toContainText('156/96')
    await expect(readings.getByRole('row').nth(3)).toContainText('148/88')
    const cohorts = page.getByRole('table', { name: 'Cohorts that listed the patient' })
    await expect(cohorts.getByRole('row').nth(1)).toContainText('Member')
    await expect(page.getByRole('region', { name: 'Act for this patient' })).toContainText('The next invitation is invitation 1 from')
    await expect(page.getByRole('table', { name: "The patient's appointments" })).toHaveCount(0)
    await snap(page, '02-patient-page')
  })

  await test.step('book her into the clinic with the keyboard alone', async () => {
    const picker = page.getByLabel('Clinic to book into')
    await picker.focus()
    await page.keyboard.press('ArrowDown')
    await expect(picker).not.toHaveValue('')
    await page.keyboard.press('Tab')
    await expect(page.getByRole('button', { name: 'Book appointment' })).toBeFocused()
    await page.keyboard.press('Enter')
    const booked = page.getByRole('status').filter({ hasText: /^Booked into Hypertension review on / })
    await expect(booked).toBeVisible()
    // The keyboard carries on from the message (the picker is made afresh with the new free slots).
    await expect(booked).toBeFocused()
    await expect(page.getByLabel('Clinic to book into')).toContainText('(5 free)')
    const appointments = page.getByRole('table', { name: "The patient's appointments" })
    await expect(appointments.getByRole('row').nth(1)).toContainText('Booked')
    await expect(page.getByRole('region', { name: 'Act for this patient' })).toContainText('Already booked into a clinic on')
    await snap(page, '03-booked')
  })

  await test.step('from another screen: the NHS number with spaces and Enter opens the first found; Escape closes the list, then empties the box', async () => {
    await navigate(page, 'Today')
    await search.fill(searchPatients.sean.nhsNumber.replace(/(\d{3})(\d{3})(\d{4})/, '$1 $2 $3'))
    await expect(page.getByRole('option', { name: /Seán O'BRIEN/ })).toBeVisible()
    await page.keyboard.press('Escape')
    await expect(search).toHaveAttribute('aria-expanded', 'false')
    await page.keyboard.press('Escape')
    await expect(search).toHaveValue('')
    await search.fill('9434765870')
    await page.keyboard.press('Enter')
    await expect(page.getByRole('heading', { level: 1, name: "Seán O'BRIEN" })).toBeVisible()
    // A search that is no kind of search says what to type instead.
    await search.fill('smith 1960')
    await expect(page.locator('.header-search-results')).toContainText('mixes words and numbers')
    await snap(page, '04-what-to-type')
    await search.fill('smith')
    await expect(page.locator('.header-search-results')).toContainText('Showing 50 of 61')
  })

  expect(pageErrors).toEqual([])
})
