// What every journey does on the way: move between sections with the side navigation, and save a
// full-page screenshot under test-results/screenshots (looked at by hand; named <journey>-<step>.png).
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
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
