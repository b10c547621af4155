// The pharmacist's questions about a cohort in a real browser against the real services: why is
// this patient here (the readings considered, the one chosen, the target, the priority rule, each
// exclusion), and what changed between two builds (who joined, who left, why).
import { expect, test } from './support/clinic-recall-host'
import { navigate, screenshotter } from './support/screens'
import { prepareExport } from './support/practice-export'

const snap = screenshotter('cohort-explain-compare-')

test('a pharmacist asks why a patient is in a cohort and compares two builds', async ({ page, freshHost: host }) => {
  const exportFile = prepareExport(host.workDir)
  const pageErrors: string[] = []
  page.on('pageerror', (error) => pageErrors.push(error.message))

  await page.goto(host.url)
  await page.getByLabel('Your name').fill('Amara Okoye')
  await page.getByLabel(/^Clinician/).check()
  await page.getByRole('button', { name: 'Sign in' }).click()
  await navigate(page, 'Import')
  await page.getByLabel('Export files').setInputFiles(exportFile.path)
  await page.getByRole('button', { name: 'Preview import' }).click()
  await page.getByRole('button', { name: /^Import \d+ patients?$/ }).click()
  await expect(page.getByRole('heading', { name: 'Import complete' })).toBeVisible()

  await test.step('build in QOF mode and open the explanation of the first member', async () => {
    await navigate(page, 'Cohorts')
    await page.getByLabel('Cohort definition').selectOption('uncontrolled-hypertension')
    await page.getByRole('button', { name: 'Build and save cohort' }).click()
    await expect(page.getByRole('tab', { name: /^Members \(\d+\)$/ })).not.toHaveText('Members (0)')
    // The members list narrows by filter and says how many it shows; a mistyped systolic is told.
    const count = page.getByRole('status').filter({ hasText: /^Showing \d+ of \d+$/ })
    await expect(count).toBeVisible()
    const total = Number(/of (\d+)$/.exec((await count.textContent()) ?? '')?.[1])
    // One line a member: at 1366×768 the list's box holds a dozen or more patients.
    const memberRow = await page.getByRole('table', { name: 'Cohort members' }).getByRole('row').nth(1).boundingBox()
    expect(memberRow?.height ?? Infinity).toBeLessThanOrEqual(40)
    // …and it fits across a 1366 px screen without scrolling sideways.
    await page.setViewportSize({ width: 1366, height: 768 })
    const overflow = await page
      .getByRole('table', { name: 'Cohort members' })
      .evaluate((table) => table.getBoundingClientRect().width - (table.parentElement?.clientWidth ?? 0))
    expect(overflow).toBeLessThanOrEqual(1)
    await page.setViewportSize({ width: 1400, height: 900 })
    // The one-line reasons open in full under "More".
    const members = page.getByRole('table', { name: 'Cohort members' })
    await members
      .getByRole('button', { name: /^More about / })
      .first()
      .click()
    await expect(members.getByRole('button', { name: /^Less about / }).first()).toHaveAttribute('aria-expanded', 'true')
    await expect(members.getByRole('listitem').first()).toBeVisible()
    await members
      .getByRole('button', { name: /^Less about / })
      .first()
      .click()
    await page.getByLabel('Systolic above (mmHg)').fill('abc')
    await expect(page.getByText('Enter the systolic as a whole number of mmHg')).toBeVisible()
    await page.getByLabel('Systolic above (mmHg)').fill('299')
    await expect(count).toHaveText(`Showing 0 of ${total}`)
    await expect(page.getByText('No members match these filters.')).toBeVisible()
    await page.getByLabel('Systolic above (mmHg)').fill('')
    await expect(count).toHaveText(`Showing ${total} of ${total}`)
    const firstWhy = page
      .getByRole('table', { name: 'Cohort members' })
      .getByRole('button', { name: /^Why\? / })
      .first()
    const name = ((await firstWhy.textContent()) ?? '').trim()
    await firstWhy.click()
    const panel = page.getByRole('dialog', { name: `Why? ${name}` })
    const readings = panel.getByRole('table', { name: 'Readings considered' })
    await expect(readings).toBeVisible()
    await expect(
      readings
        .getByRole('row')
        .filter({ hasText: /^.*Used/ })
        .first()
    ).toBeVisible()
    const rules = panel.getByRole('table', { name: 'Rules checked' })
    await expect(rules).toContainText('Target applied')
    await expect(rules).toContainText(/Priority P[1-4]/)
    await expect(rules).toContainText('Deceased or left the practice')
    await expect(panel).toContainText(/QOF HYP00[89]/)
    await expect(panel).toContainText('Re-derived with definition "Uncontrolled hypertension"')
    await snap(page, '01-why')
    await panel.getByRole('button', { name: 'Close' }).click()
  })

  await test.step('build again in NICE mode, tick both builds and compare', async () => {
    await page.getByLabel(/^NICE/).check()
    await page.getByRole('button', { name: 'Build and save cohort' }).click()
    await expect(page.getByRole('heading', { name: /cohort #2$/ })).toBeVisible()
    const previous = page.getByRole('region', { name: 'Previous cohorts' })
    await previous.getByLabel('Compare cohort #1').check()
    await previous.getByLabel('Compare cohort #2').check()
    await previous.getByRole('button', { name: 'Compare #1 with #2' }).click()
    const comparison = page.getByRole('region', { name: 'Compare cohort #1 with #2' })
    await expect(comparison).toBeVisible()
    await expect(comparison).toContainText('target mode: QOF → NICE')
    await expect(comparison.getByRole('heading', { name: /^Joined \(\d+\)$/ })).toBeVisible()
    await expect(comparison.getByRole('heading', { name: /^Left \(\d+\)$/ })).toBeVisible()
    await expect(comparison.getByRole('heading', { name: /^Priority changed \(\d+\)$/ })).toBeVisible()
    // Each list is closed until asked for; opening one shows its table.
    await expect(comparison.getByRole('table', { name: 'Joined' })).toBeHidden()
    await comparison.getByText(/^Joined \(\d+\)$/).click()
    await expect(comparison.locator('details').filter({ hasText: /^Joined/ })).toHaveAttribute('open', '')
    await comparison.scrollIntoViewIfNeeded()
    await snap(page, '02-compare')
  })

  expect(pageErrors).toEqual([])
})
