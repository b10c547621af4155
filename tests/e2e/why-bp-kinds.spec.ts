// A pharmacist checks why two patients are where they are: an ABPM night-time average and a
// "minimum" summary recorded on the same day as the daytime average are listed as recorded but not
// used, and a severe home reading beside a moderate clinic reading makes the patient P1 and puts
// them under severe readings, never on a routine letter.
import { join } from 'node:path'
import { expect, projectRoot, test } from './support/clinic-recall-host'
import { navigate, screenshotter, signIn } from './support/screens'

const snap = screenshotter('why-bp-kinds-')
const fixture = join(projectRoot, 'tests/fixtures/imports/clinical-rules/emis-abpm-kinds-and-severe-home.csv')

test('Why? shows readings recorded but not used, and a severe same-day home reading decides P1', async ({ page, freshHost: host }) => {
  const pageErrors: string[] = []
  page.on('pageerror', (error) => pageErrors.push(error.message))
  await signIn(page, host.url, 'Amara Okoye', 'Clinician')
  await navigate(page, 'Import')
  await page.getByLabel('Export files').setInputFiles(fixture)
  await page.getByRole('button', { name: 'Preview import' }).click()
  await expect(page.getByText(/1 events? matched by term only/)).toBeVisible()
  await page.getByRole('button', { name: /^Import \d+ patients?$/ }).click()
  await expect(page.getByRole('heading', { name: 'Import complete' })).toBeVisible()

  await navigate(page, 'Cohorts')
  await page.getByLabel('Cohort definition').selectOption('uncontrolled-hypertension')
  await page.getByLabel('As-of date').fill('2026-11-12')
  await page.getByRole('button', { name: 'Build and save cohort' }).click()
  const members = page.getByRole('table', { name: 'Cohort members' })
  await expect(members.getByRole('row')).toHaveCount(3)

  await test.step('the ABPM daytime average is the BP; night average and minimum are recorded, not used', async () => {
    await members.getByRole('button', { name: /^Why\? Jane SMITH/ }).click()
    const panel = page.getByRole('dialog', { name: /^Why\? Jane SMITH/ })
    const readings = panel.getByRole('table', { name: 'Readings considered' })
    await expect(readings.getByRole('row').filter({ hasText: 'ABPM daytime average' })).toContainText('Used (systolic and diastolic)')
    await expect(readings.getByRole('row').filter({ hasText: 'ABPM night-time average' })).toContainText(
      'Recorded, not used, because it is an ABPM night-time average'
    )
    await expect(readings.getByRole('row').filter({ hasText: 'summary value' })).toContainText('Recorded, not used, because it is a summary value')
    await expect(panel.getByRole('table', { name: 'Rules checked' })).toContainText('Priority P2')
    await readings.scrollIntoViewIfNeeded()
    await snap(page, '01-abpm-kinds')
    await panel.getByRole('button', { name: 'Close' }).click()
  })

  await test.step('a severe home reading on the latest day makes the patient P1 and is flagged', async () => {
    await members.getByRole('button', { name: /^Why\? Bob JONES/ }).click()
    const panel = page.getByRole('dialog', { name: /^Why\? Bob JONES/ })
    const readings = panel.getByRole('table', { name: 'Readings considered' })
    await expect(readings.getByRole('row').filter({ hasText: '172/96' })).toContainText('Severe')
    const rules = panel.getByRole('table', { name: 'Rules checked' })
    await expect(rules).toContainText('Priority P1')
    await expect(rules).toContainText('nothing hides a severe reading')
    await readings.scrollIntoViewIfNeeded()
    await snap(page, '02-severe-home')
    await panel.getByRole('button', { name: 'Close' }).click()
  })
  expect(pageErrors).toEqual([])
})
