// The custom cohort builder and the exclusion switches in a real browser against the real services:
// a pharmacist builds "Black patients above target" from criteria, saves
// it, builds it, asks why a member is in it, then switches an exclusion off and sees its count and
// the lists change in an unsaved preview, which is saved only when asked; the pharmacist-led cohort's
// D/E switch and the Time to Talk threshold preview live.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { isValidNhsNumber } from '../../src/shared/domain/nhs-number'
import { expect, test } from './support/clinic-recall-host'
import { navigate, screenshotter } from './support/screens'

const asOf = '2026-11-30'

const snap = screenshotter('cohort-builder-')

/** The next valid NHS number (Modulus 11) from a test range, as EMIS prints it ("999 210 0012"). */
let nextPrefix = 999_210_000
function nhs(): string {
  for (;;) {
    const first9 = String(nextPrefix++)
    for (let check = 0; check <= 9; check++) {
      const candidate = `${first9}${check}`
      if (isValidNhsNumber(candidate)) return `${candidate.slice(0, 3)} ${candidate.slice(3, 6)} ${candidate.slice(6)}`
    }
  }
}

/** A small EMIS export: each patient is there for one reason in the test. */
function practiceExport(workDir: string): string {
  const header =
    '"NHS Number","EMIS Number","Title","Family Name","Calling Name","Date of Birth","Gender","Ethnicity","Postcode","Mobile Telephone","Usual GP\'s Full Name","Date","Code","Code Term","Value",'
  const more = (date: string, code: string, term: string, value = '') => `,,,,,,,,,,,${date},${code},${term},${value},`
  const rows = [
    'Report Name:,Builder test,',
    'Run Date:,30-Nov-2026,',
    ',,',
    header,
    // Member: Black African, on the register, above target.
    `${nhs()},2001,Mrs,ADEBAYO,Grace,10-Feb-1962,F,Black African,SE1 1AA,07700 900101,"JONES, Alan (Dr)",04-May-2015,59621000,Essential hypertension,,`,
    more('01-Oct-2026', '163020007', 'O/E - blood pressure reading', '158/96 mmHg'),
    // Excluded: declined a BP measurement in the last 12 months.
    `${nhs()},2002,Mr,MENSAH,Kofi,03-Mar-1958,M,Black African,SE1 1AB,07700 900102,"JONES, Alan (Dr)",12-Jun-2016,59621000,Essential hypertension,,`,
    more('01-Jun-2026', '413123006', 'Blood pressure procedure refused'),
    more('15-Sep-2026', '163020007', 'O/E - blood pressure reading', '164/98 mmHg'),
    // Member: Black Caribbean.
    `${nhs()},2003,Ms,CAMPBELL,Marcia,21-Jul-1970,F,Black Caribbean,SE1 1AC,07700 900103,"JONES, Alan (Dr)",09-Sep-2018,59621000,Essential hypertension,,`,
    more('20-Oct-2026', '163020007', 'O/E - blood pressure reading', '150/92 mmHg'),
    // Not eligible: White British.
    `${nhs()},2004,Mr,WILSON,John,01-Jan-1965,M,White British,SE1 1AD,07700 900104,"JONES, Alan (Dr)",01-Jan-2017,59621000,Essential hypertension,,`,
    more('05-Oct-2026', '163020007', 'O/E - blood pressure reading', '160/100 mmHg'),
    // Not eligible: at target.
    `${nhs()},2005,Ms,OKORO,Ada,14-Apr-1975,F,Black African,SE1 1AE,07700 900105,"JONES, Alan (Dr)",14-Apr-2019,59621000,Essential hypertension,,`,
    more('05-Oct-2026', '163020007', 'O/E - blood pressure reading', '128/78 mmHg'),
    ',,,,,,,,,,,,,,,'
  ]
  const path = join(workDir, 'builder-export.csv')
  writeFileSync(path, rows.join('\r\n'))
  return path
}

test('a pharmacist builds a custom cohort, asks why, and switches an exclusion off', async ({ page, freshHost: host }) => {
  const pageErrors: string[] = []
  page.on('pageerror', (error) => pageErrors.push(error.message))

  await page.goto(host.url)
  await page.getByLabel('Your name').fill('Amara Okoye')
  await page.getByLabel(/^Clinician/).check()
  await page.getByRole('button', { name: 'Sign in' }).click()
  await navigate(page, 'Import')
  await page.getByLabel('Export files').setInputFiles(practiceExport(host.workDir))
  await page.getByRole('button', { name: 'Preview import' }).click()
  await page.getByRole('button', { name: /^Import \d+ patients?$/ }).click()
  await expect(page.getByRole('heading', { name: 'Import complete' })).toBeVisible()

  await test.step('create a custom cohort in the builder and save it', async () => {
    await navigate(page, 'Cohorts')
    await page.getByRole('button', { name: 'New custom cohort' }).click()
    const builder = page.getByRole('region', { name: 'New custom cohort' })
    await builder.getByLabel('Name', { exact: true }).fill('Black patients above target')
    await builder.getByLabel('Condition (QOF register)').check()
    await expect(builder.getByLabel(/^Hypertension diagnosis/)).toBeChecked()
    await builder.getByLabel('Ethnicity', { exact: true }).check()
    await builder.getByLabel(/^Black or Black British \(M, N, P\)/).check()
    await builder.getByLabel('BP state').check()
    await expect(builder.getByLabel('Above target')).toBeChecked()
    await builder.getByLabel('BP measurement declined in the last 12 months').check()
    await snap(page, '01-builder')
    await builder.getByRole('button', { name: 'Save custom cohort' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Saved “Black patients above target” (version 1)' })).toBeVisible()
    await expect(page.getByLabel('Cohort definition')).toHaveValue('custom-1')
    await expect(page.getByRole('list', { name: 'Criteria of this custom cohort' })).toContainText('Ethnicity Black or Black British (any)')
  })

  await test.step('build it and ask why a member is in it', async () => {
    await page.getByLabel('As-of date').fill(asOf)
    await page.getByRole('button', { name: 'Build and save cohort' }).click()
    const builtHeading = page.getByRole('heading', { name: 'Black patients above target — saved cohort #1' })
    await expect(builtHeading).toBeVisible()
    // The cohort built is brought into view with focus, not left below the form.
    await expect(page.locator('.focus-target').filter({ has: builtHeading })).toBeFocused()
    await expect(builtHeading).toBeInViewport()
    await expect(page.getByTestId('cohort-state')).toContainText('Saved snapshot #1')
    await expect(page.getByRole('tab', { name: 'Members (2)' })).toBeVisible()
    await expect(page.getByRole('tab', { name: 'Excluded (1)' })).toBeVisible()
    const switches = page.getByRole('table', { name: 'Exclusion switches' })
    const declined = switches.getByRole('row').filter({ hasText: 'BP measurement declined' })
    await expect(declined.getByTestId('exclusion-count-exclude.bp-declined')).toHaveText('1')
    await page.getByRole('table', { name: 'Cohort members' }).getByRole('button', { name: 'Why? Grace ADEBAYO' }).click()
    const panel = page.getByRole('dialog', { name: 'Why? Grace ADEBAYO' })
    const rules = panel.getByRole('table', { name: 'Rules checked' })
    await expect(rules).toContainText('Ethnic category Black or Black British – African (group: Black or Black British)')
    await expect(rules).toContainText('BP 158/96 on 1 Oct 2026 (clinic) is above target')
    await expect(rules).toContainText('NHS Data Dictionary ETHNIC CATEGORY')
    await expect(rules.getByRole('row').filter({ hasText: 'Any of: Hypertension diagnosis' })).toContainText('Pass')
    await expect(panel).toContainText('Re-derived with definition "Black patients above target" version 1')
    await snap(page, '02-why')
    await panel.getByRole('button', { name: 'Close' }).click()
  })

  await test.step('switch the exclusion off: an unsaved preview with the new counts, saved only when asked', async () => {
    const switches = page.getByRole('table', { name: 'Exclusion switches' })
    await switches.getByLabel('Apply exclusion: BP measurement declined in the last 12 months').uncheck()
    await expect(page.getByRole('heading', { name: 'Black patients above target — unsaved preview' })).toBeVisible()
    await expect(page.getByTestId('cohort-state')).toContainText('Unsaved preview — not a saved cohort yet')
    await expect(page.getByRole('tab', { name: 'Members (3)' })).toBeVisible()
    await expect(page.getByRole('tab', { name: 'Excluded (0)' })).toBeVisible()
    const declined = switches.getByRole('row').filter({ hasText: 'BP measurement declined' })
    await expect(declined.getByTestId('exclusion-count-exclude.bp-declined')).toHaveText('—')
    await expect(declined).toContainText('Switched off for this build')
    await expect(page.getByText('1 exclusion switched off')).toBeVisible()
    await switches.scrollIntoViewIfNeeded()
    await snap(page, '03-switched-off')
    // Nothing was stored by the switch: only the build above is listed.
    const previous = page.getByRole('region', { name: 'Previous cohorts' })
    await expect(previous.getByRole('row').filter({ hasText: 'Black patients above target' })).toHaveCount(1)
    // The "why" of a previewed patient is evaluated with the preview's settings.
    await page
      .getByRole('table', { name: 'Cohort members' })
      .getByRole('button', { name: /^Why\? / })
      .first()
      .click()
    const panel = page.getByRole('dialog', { name: /^Why\? / })
    await expect(panel).toContainText('an unsaved preview')
    await expect(panel.getByRole('table', { name: 'Rules checked' }).getByRole('row').filter({ hasText: 'BP measurement declined' })).toContainText(
      'Exclusion switched off for this build'
    )
    await snap(page, '03b-preview-why')
    await panel.getByRole('button', { name: 'Close' }).click()
    // And on again: still a preview, the count is back.
    await switches.getByLabel('Apply exclusion: BP measurement declined in the last 12 months').check()
    await expect(declined.getByTestId('exclusion-count-exclude.bp-declined')).toHaveText('1')
    await expect(page.getByRole('tab', { name: 'Members (2)' })).toBeVisible()
    await expect(page.getByRole('heading', { name: 'Black patients above target — unsaved preview' })).toBeVisible()
    // "Use this cohort" stores exactly what is shown as snapshot #2.
    await page.getByRole('button', { name: 'Use this cohort (save it)' }).click()
    await expect(page.getByRole('heading', { name: 'Black patients above target — saved cohort #2' })).toBeVisible()
    await expect(previous.getByRole('row').filter({ hasText: 'Black patients above target' })).toHaveCount(2)
    await expect(page.getByRole('tab', { name: 'Members (2)' })).toBeVisible()
  })

  await test.step('QOF-only exclusions are marked and inactive in NICE mode', async () => {
    await page.getByLabel('Cohort definition').selectOption('uncontrolled-hypertension')
    await page.getByLabel(/^NICE/).check()
    await page.getByRole('button', { name: 'Build and save cohort' }).click()
    await expect(page.getByRole('heading', { name: /^Uncontrolled hypertension — saved cohort #3$/ })).toBeVisible()
    const recent = page.getByLabel('Apply exclusion: First diagnosed with hypertension in the last 9 months')
    await expect(recent).toBeDisabled()
    await expect(page.getByRole('table', { name: 'Exclusion switches' }).getByRole('row').filter({ hasText: 'First diagnosed' })).toContainText(
      'Not applied in NICE mode'
    )
  })

  await test.step('pharmacist-led cohort: M, N, P by default, the D/E switch and Time to Talk threshold are there', async () => {
    await page.getByLabel('Cohort definition').selectOption('hypertension-black-african-caribbean')
    const mixed = page.getByLabel(/^Also include Mixed White and Black Caribbean \(D\)/)
    await expect(mixed).not.toBeChecked()
    await page.getByRole('button', { name: 'Build and save cohort' }).click()
    await expect(page.getByRole('heading', { name: /saved cohort #4$/ })).toBeVisible()
    await mixed.check()
    // A setting change previews live (debounced), unsaved, and the preview says which setting it used.
    await expect(page.getByRole('heading', { name: /unsaved preview$/ })).toBeVisible()
    await expect(page.getByText('mixed D/E included')).toBeVisible()
    await snap(page, '04-pharmacist-switch')
    // A built-in can be copied into the builder with its settings, to change it.
    await page.getByRole('button', { name: 'Copy as a custom cohort' }).click()
    const copy = page.getByRole('region', { name: 'New custom cohort' })
    await expect(copy.getByLabel('Name', { exact: true })).toHaveValue('Pharmacist-led review: Black African / African-Caribbean patients (copy)')
    await expect(copy.getByLabel(/^D – Mixed – White and Black Caribbean/)).toBeChecked()
    await expect(copy.getByLabel(/^N – Black or Black British – African/)).toBeChecked()
    await expect(copy.getByLabel(/^A – White – British/)).not.toBeChecked()
    await expect(copy.getByLabel('Lowest age')).toHaveValue('18')
    await copy.getByRole('button', { name: 'Cancel' }).click()
    // Time to Talk: everyone here has one long-term condition (hypertension), so none at 2, all five at 1.
    await page.getByLabel('Cohort definition').selectOption('time-to-talk')
    const threshold = page.getByLabel('Minimum number of long-term conditions')
    await expect(threshold).toHaveValue('2')
    await page.getByRole('button', { name: 'Build and save cohort' }).click()
    // An empty build is not saved until the user says so, and says why it is empty, with counts.
    const empty = page.getByRole('alert').filter({ hasText: 'This cohort is empty: it has not been saved' })
    await expect(empty).toContainText(/No one meets every criterion as of .*: of the \d+ patients imported, \d+ not “Multiple long-term conditions/)
    await expect(page.getByRole('heading', { name: /saved cohort #5$/ })).toHaveCount(0)
    await empty.getByRole('button', { name: 'Save the empty cohort anyway' }).click()
    await expect(page.getByRole('heading', { name: /saved cohort #5$/ })).toBeVisible()
    await expect(page.getByRole('tab', { name: 'Members (0)' })).toBeVisible()
    await expect(page.getByRole('status').filter({ hasText: /^No members: No one meets every criterion/ })).toBeVisible()
    await threshold.fill('1')
    await expect(page.getByRole('heading', { name: /unsaved preview$/ })).toBeVisible()
    await expect(page.getByRole('tab', { name: 'Members (5)' })).toBeVisible()
    await expect(page.getByText('1 or more long-term conditions')).toBeVisible()
  })

  await test.step('change the custom cohort (a new version), then archive it', async () => {
    await page.getByLabel('Cohort definition').selectOption('custom-1')
    await page.getByRole('button', { name: 'Change this custom cohort' }).click()
    const builder = page.getByRole('region', { name: 'Change custom cohort: Black patients above target' })
    await builder.getByLabel('Age range').check()
    await builder.getByLabel('Lowest age').fill('60')
    await builder.getByLabel('Highest age').fill('')
    await builder.getByRole('button', { name: 'Save as a new version' }).click()
    await expect(page.getByRole('status').filter({ hasText: '(version 2)' })).toBeVisible()
    await page.getByRole('button', { name: 'Build and save cohort' }).click()
    await expect(page.getByRole('tab', { name: 'Members (1)' })).toBeVisible()
    await expect(page.getByText(/definition version\s+2/)).toBeVisible()
    await page.getByRole('button', { name: 'Archive…' }).click()
    await page.getByRole('button', { name: 'Archive “Black patients above target”' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'was archived' })).toBeVisible()
    await expect(page.getByLabel('Cohort definition').locator('option', { hasText: 'Black patients above target' })).toHaveCount(0)
    // Its snapshots stay.
    await expect(page.getByRole('region', { name: 'Previous cohorts' }).getByRole('row').filter({ hasText: 'Black patients above target' })).toHaveCount(3)
    await expect(page.getByLabel(/^Apply exclusion: BP measurement declined/)).toBeDisabled()
    await snap(page, '05-archived')
  })

  expect(pageErrors).toEqual([])
})
