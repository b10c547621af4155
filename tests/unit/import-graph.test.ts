// The shape of the source tree: no import circles anywhere in src (type-only imports included — a
// circle of types is still a knot a newcomer has to untie), and the clinical rules in
// src/shared/domain never depend on the wire contract (the contract's schemas check the domain's
// types, not the other way round).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { expect, test } from 'vitest'

const root = resolve(__dirname, '../..')
const src = join(root, 'src')

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name)
    if (statSync(path).isDirectory()) return sourceFiles(path)
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : []
  })
}

/** Relative imports and re-exports of a file, resolved to files. */
function localImports(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  const targets: string[] = []
  for (const match of text.matchAll(/^(?:import|export)\s[^'"]*?from\s+['"](\.{1,2}\/[^'"]+)['"]/gm)) {
    const base = resolve(dirname(file), match[1] as string)
    const found = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((candidate) => existsSync(candidate))
    if (found) targets.push(found)
  }
  return targets
}

const files = sourceFiles(src)
const graph = new Map(files.map((f) => [f, localImports(f)]))

/** Every strongly connected group of more than one file (Tarjan), and files importing themselves. */
function circles(): string[][] {
  let counter = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const found: string[][] = []
  const visit = (v: string) => {
    index.set(v, counter)
    low.set(v, counter)
    counter++
    stack.push(v)
    onStack.add(v)
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number))
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number))
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = []
      let w: string
      do {
        w = stack.pop() as string
        onStack.delete(w)
        group.push(relative(src, w))
      } while (w !== v)
      if (group.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(group.sort())
    }
  }
  for (const file of files) if (!index.has(file)) visit(file)
  return found
}

test('the graph is read: the contract index reaches every capability file', () => {
  expect(graph.get(join(src, 'shared/contract/index.ts'))?.length).toBeGreaterThanOrEqual(9)
})

test('there are no import circles in src', () => {
  expect(circles()).toEqual([])
})

test('no file in src/shared/domain imports the contract', () => {
  const offenders = files
    .filter((f) => f.startsWith(join(src, 'shared/domain')))
    .filter((f) => (graph.get(f) ?? []).some((target) => target.startsWith(join(src, 'shared/contract'))))
    .map((f) => relative(src, f))
  expect(offenders).toEqual([])
})
