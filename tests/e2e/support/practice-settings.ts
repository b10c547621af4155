// Settings → Practice details filled in as a practice does before its first letters: an invitation
// batch is refused while any required detail is still the "set in Settings" placeholder or blank.
import { expect, type Page } from '@playwright/test'
import { navigate } from './screens'

export async function fillPracticeDetails(page: Page): Promise<void> {
  await navigate(page, 'Settings')
  await page.getByLabel('Practice name').fill('Riverside Medical Practice')
  await page.getByLabel('Practice address (one line per row)').fill('1 River Road\nLondon SE1 1AA')
  await page.getByLabel('Phone', { exact: true }).fill('020 7946 0000')
  await page.getByLabel('Letters signed by').fill('Practice Pharmacist')
  await page.getByLabel('How to book').fill('Please call us on 020 7946 0000 to book your review.')
  await page.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByText('Settings saved.')).toBeVisible()
}
