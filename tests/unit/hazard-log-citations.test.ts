// Every test the hazard log cites as the proof of a control must exist, under that title, in that
// file: a renamed or deleted test would otherwise leave a control that only looks proven.
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { expect, test } from 'vitest'

const root = resolve(__dirname, '../..')
const log = readFileSync(join(root, 'docs/hazard-log.md'), 'utf8')

// `tests/…/file.test.ts` › "title" — the title runs to the last quote before ; or . or the end of the line.
const citation = /`(tests\/[^`]+\.(?:test|spec)\.ts)` › "(.+?)"(?=[;.,]?\s*(?:\(|and `|$))/gm

/** The title as the test file's source writes it: quotes and backslashes may be escaped there. */
function sourceForms(title: string): string[] {
  return [title, title.replace(/\\/g, '\\\\'), title.replace(/'/g, "\\'"), title.replace(/"/g, '\\"')]
}

const cited = [...log.matchAll(citation)].map((m) => ({ file: m[1] as string, title: m[2] as string }))

test('the hazard log cites tests', () => {
  expect(cited.length).toBeGreaterThan(100)
})

test.each(cited.map((c) => [`${c.file} › ${c.title}`, c] as const))('%s exists', (_label, { file, title }) => {
  const path = join(root, file)
  expect(existsSync(path), `${file} does not exist`).toBe(true)
  const source = readFileSync(path, 'utf8')
  expect(
    sourceForms(title).some((form) => source.includes(form)),
    `no test titled "${title}" in ${file}`
  ).toBe(true)
})
