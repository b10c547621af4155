// What every journey does on the way: sign in, move between sections with the side navigation, and
// at each step save a full-page screenshot under test-results/screenshots (looked at by hand; named
// <journey>-<step>.png) and check the screen with axe: a serious or critical accessibility failure
// fails the journey, and so does an id used twice.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { errors, expect, type Page } from '@playwright/test'
import { projectRoot } from './clinic-recall-host'

const screenshotsDir = join(projectRoot, 'test-results/screenshots')

/** Runs axe (WCAG 2.x A and AA rules and best practice) on the page; serious and critical findings fail, named by rule and element. */
export async function expectNoSeriousAxeViolations(page: Page, step: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze()
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  expect(
    serious.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    `axe at ${step}`
  ).toEqual([])
  await expectUniqueIds(page, step)
}

/** Two elements with one id break labels and focus (a label or a skip link reaches the wrong one): every id on the screen is unique. */
export async function expectUniqueIds(page: Page, step: string): Promise<void> {
  const ids = await page.locator('[id]').evaluateAll((elements) => elements.map((element) => element.id))
  const seen = new Map<string, number>()
  for (const id of ids) seen.set(id, (seen.get(id) ?? 0) + 1)
  const duplicated = [...seen].filter(([, count]) => count > 1).map(([id, count]) => `${id} ×${count}`)
  expect(duplicated, `duplicate ids at ${step}`).toEqual([])
}

/**
 * A full-page screenshot, taken again once if Chromium never delivers the frame (seen once in a CI
 * run on a page that was otherwise ready): the picture is for people to look at, so a stalled
 * capture is retried rather than failing the journey; anything else still fails.
 */
async function fullPageScreenshot(page: Page, path: string): Promise<void> {
  try {
    await page.screenshot({ path, fullPage: true, timeout: 30_000 })
  } catch (error) {
    if (!(error instanceof errors.TimeoutError)) throw error
    await page.screenshot({ path, fullPage: true, timeout: 30_000 })
  }
}

/** A step function whose screenshots start with `prefix` (e.g. "pharmacist-"): a screenshot, then axe. */
export function screenshotter(prefix: string): (page: Page, step: string) => Promise<void> {
  return async (page, step) => {
    mkdirSync(screenshotsDir, { recursive: true })
    await fullPageScreenshot(page, join(screenshotsDir, `${prefix}${step}.png`))
    await expectNoSeriousAxeViolations(page, `${prefix}${step}`)
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
