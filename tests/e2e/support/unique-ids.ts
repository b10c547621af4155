// Every `id` on the page must be unique: a label's `for`, an `aria-describedby` and a script's lookup
// all take the first element with the id, so a second clinic's field with the same id is where focus,
// a screen reader's description or a click on a label would land — the wrong clinic's booking form.
import { expect, type Page } from '@playwright/test'

/** Each id that more than one element carries, with how many carry it. */
export async function duplicateIds(page: Page): Promise<string[]> {
  const ids = await page.locator('[id]').evaluateAll((elements) => elements.map((element) => element.id))
  const counts = new Map<string, number>()
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1)
  return [...counts].filter(([, n]) => n > 1).map(([id, n]) => `${id} ×${n}`)
}

export async function expectUniqueIds(page: Page, step: string): Promise<void> {
  expect(await duplicateIds(page), `ids used more than once at ${step}`).toEqual([])
}
