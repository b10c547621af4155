// Comments and docs say the decision itself: none points at a document outside the repository (the
// product spec's sections, the issue tracker, the team's shared reference notes), which the next
// engineer cannot open. Published sources (QOF, NICE, NHS Digital refsets) are named as they are.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { expect, test } from 'vitest'

const root = resolve(__dirname, '../..')
// Built from parts so this file does not match itself.
const outside = new RegExp(['spec ' + '§', 'issue ' + '#\\d', 'clinical-' + 'reference', 'export-' + 'formats\\.md', 'stack-' + 'notes'].join('|'), 'i')

function files(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name)
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : files(path)
    return /\.(ts|tsx|mjs|js|sql|md|css)$/.test(name) ? [path] : []
  })
}

test('no comment or doc in the repository points at the spec, an issue or the shared reference notes', () => {
  const checked = [
    ...files(join(root, 'src')),
    ...files(join(root, 'tests')),
    ...files(join(root, 'docs')),
    ...files(join(root, 'scripts')),
    join(root, 'README.md')
  ]
  expect(checked.length).toBeGreaterThan(300)
  const found = checked.flatMap((path) =>
    readFileSync(path, 'utf8')
      .split('\n')
      .flatMap((line, i) => (outside.test(line) ? [`${relative(root, path)}:${i + 1}: ${line.trim()}`] : []))
  )
  expect(found).toEqual([])
})
