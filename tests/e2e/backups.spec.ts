// A practice manager checks the practice's backups and undoes an import by restoring the copy taken
// before it: Settings › Backups lists every checked copy (the day's, the one before each import, one
// taken by hand), "Back up now" adds one, and Restore… asks for confirmation before it replaces the
// data, then the app reloads on the restored database with a safety copy of what was replaced.
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, projectRoot, test } from './support/clinic-recall-host'
import { navigate, screenshotter, signIn } from './support/screens'

const snap = screenshotter('backups-')
const fixture = (name: string) => join(projectRoot, 'tests/fixtures/imports', name)

async function importFile(page: Page, path: string): Promise<void> {
  await navigate(page, 'Import')
  await page.getByLabel('Export files').setInputFiles(path)
  await page.getByRole('button', { name: 'Preview import' }).click()
  await expect(page.getByRole('heading', { name: '2. Check the preview' })).toBeVisible()
  await page.getByRole('button', { name: /^Import \d+ patients?$/ }).click()
  await expect(page.getByRole('heading', { name: 'Import complete' })).toBeVisible()
}

test('a practice manager backs up by hand and undoes an import by restoring the backup taken before it', async ({ page, freshHost: host }) => {
  await signIn(page, host.url, 'Sam Okafor', 'Manager')
  await importFile(page, fixture('emis-events-hypertension.csv'))

  const backups = page.getByRole('table', { name: 'All backups' })
  await test.step('Settings › Backups lists the checked copies with kind, date and size', async () => {
    await navigate(page, 'Settings')
    await expect(page.getByRole('heading', { name: 'Backups' })).toBeVisible()
    await expect(backups.getByRole('row').filter({ hasText: 'Before an import' })).toHaveCount(1)
    await expect(backups).toContainText(/\d+(\.\d+)? MB/)
  })

  await test.step('"Back up now" adds a checked copy, in the folder the page names', async () => {
    await page.getByRole('button', { name: 'Back up now' }).click()
    await expect(page.getByRole('status').filter({ hasText: 'Backup taken' })).toHaveText(/^Backup taken and checked: manual-\d{8}T\d{9}Z-\d{2}\.sqlite$/)
    await expect(page.getByText(join(host.workDir, 'backups'))).toBeVisible()
    await expect(backups.getByRole('row').filter({ hasText: 'Backed up by hand' })).toHaveCount(1)
    await page.getByRole('heading', { name: 'Backups' }).scrollIntoViewIfNeeded()
    await snap(page, '01-settings-backups')
  })

  await importFile(page, fixture('emis-events-hypertension-next-month.csv'))
  await navigate(page, 'Import')
  const history = page.getByRole('table', { name: 'Import history' })
  await expect(history.getByRole('row')).toHaveCount(3) // heading row + two imports

  await test.step('Restore… asks first; Cancel changes nothing', async () => {
    await navigate(page, 'Settings')
    const byHand = backups.getByRole('row').filter({ hasText: 'Backed up by hand' })
    await byHand.getByRole('button', { name: /^Restore the backup of / }).click()
    const dialog = page.getByRole('dialog', { name: /^Restore the backup of / })
    await expect(dialog).toContainText('All of the current data will be replaced')
    await expect(dialog).toContainText('A safety copy of the current database is taken first')
    await snap(page, '02-confirm-restore')
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await expect(dialog).toBeHidden()
    await navigate(page, 'Import')
    await expect(history.getByRole('row')).toHaveCount(3)
  })

  await test.step('confirming restores it: the second import is gone and the replaced data is kept as a safety copy', async () => {
    await navigate(page, 'Settings')
    await backups
      .getByRole('row')
      .filter({ hasText: 'Backed up by hand' })
      .getByRole('button', { name: /^Restore the backup of / })
      .click()
    await page.getByRole('dialog').getByRole('button', { name: 'Replace the current data with this backup' }).click()
    // The app reloads on the restored database; whoever was signed in stays signed in.
    await expect(page.getByRole('banner').getByText('Signed in as')).toBeVisible()
    await navigate(page, 'Import')
    await expect(history.getByRole('row')).toHaveCount(2)
    await navigate(page, 'Settings')
    await expect(backups.getByRole('row').filter({ hasText: 'Before a restore' })).toHaveCount(1)
    await snap(page, '03-restored')
  })
})
