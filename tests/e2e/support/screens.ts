// What every journey does on the way: sign in, move between sections with the side navigation, and
// save a full-page screenshot under test-results/screenshots (looked at by hand; named <journey>-<step>.png).
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, type Page } from '@playwright/test'
import { projectRoot } from './clinic-recall-host'

const screenshotsDir = join(projectRoot, 'test-results/screenshots')

/** A screenshot function whose files start with `prefix` (e.g. "pharmacist-"). */
export function screenshotter(prefix: string): (page: Page, step: string) => Promise<void> {
  return async (page, step) => {
    mkdirSync(screenshotsDir, { recursive: true })
    await page.screenshot({ path: join(screenshotsDir, `${prefix}${step}.png`), fullPage: true })
  }
}

export function navigate(page: Page, section: string): Promise<void> {
  return page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: section, exact: true }).click()
}

/**
 * Opens the app and signs in as `name` with `role` (Clinician, Admin / reception or Practice
 * manager), unless this host already has someone signed in from an earlier test.
 */
export async function signIn(page: Page, url: string, name: string, role: 'Clinician' | 'Admin' | 'Manager'): Promise<void> {
  await page.goto(url)
  const signedIn = page.getByRole('banner').getByText('Signed in as')
  await expect(page.getByLabel('Your name').or(signedIn)).toBeVisible()
  if (await signedIn.isVisible()) return
  await page.getByLabel('Your name').fill(name)
  const roleLabel = { Clinician: /^Clinician/, Admin: /^Admin/, Manager: /^Practice manager/ }[role]
  await page.getByLabel(roleLabel).check()
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(signedIn).toBeVisible()
}
