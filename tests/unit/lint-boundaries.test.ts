// Each layer boundary the lint holds, probed: a file in that layer importing what it must not is
// reported, and an allowed import is not. The probes are linted as text at a path inside the layer
// (nothing is written); type-aware rules are switched off for them, as the probe files are in no
// TypeScript project.
import { resolve } from 'node:path'
import { ESLint } from 'eslint'
import { expect, test } from 'vitest'

const root = resolve(__dirname, '../..')
const eslint = new ESLint({
  cwd: root,
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false } },
    rules: { '@typescript-eslint/switch-exhaustiveness-check': 'off', '@typescript-eslint/no-unused-vars': 'off' }
  }
})

async function rulesBroken(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, path) })
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message)
}

test.each([
  ['shared', 'src/shared/domain/probe.ts', "import { readFileSync } from 'node:fs'"],
  ['shared', 'src/shared/domain/probe.ts', "import Database from 'better-sqlite3'"],
  ['shared', 'src/shared/probe.ts', "import { useState } from 'react'"],
  ['shared', 'src/shared/domain/probe.ts', "import { createServices } from '../../main/services'"],
  ['shared', 'src/shared/probe.ts', "import { App } from '../renderer/src/app'"],
  ['renderer', 'src/renderer/src/probe.ts', "import { createServices } from '../../main/services'"],
  ['renderer', 'src/renderer/src/probe.ts', "import { readFileSync } from 'node:fs'"],
  ['renderer', 'src/renderer/src/probe.ts', "import { ipcRenderer } from 'electron'"],
  ['main', 'src/main/probe.ts', "import { App } from '../renderer/src/app'"],
  ['main', 'src/main/probe.ts', "import '../preload/index'"],
  ['preload', 'src/preload/probe.ts', "import { z } from 'zod'"],
  ['preload', 'src/preload/probe.ts', "import { contract } from '../shared/contract'"],
  ['preload', 'src/preload/probe.ts', "import { currentBp } from '../shared/domain/current-bp'"]
])('%s: `%s` may not %s', async (_layer, path, code) => {
  expect(await rulesBroken(path, `${code}\n`)).toContain('no-restricted-imports')
})

test.each([
  ['src/preload/probe.ts', "import { operationNames } from '../shared/operation-names'"],
  ['src/renderer/src/probe.ts', "import { contract } from '../../shared/contract'"],
  ['src/main/probe.ts', "import { contract } from '../shared/contract'"],
  ['src/shared/domain/probe.ts', "import { addDaysIso } from './iso-date'"]
])('%s may %s', async (path, code) => {
  expect(await rulesBroken(path, `${code}\n`)).toEqual([])
})

test('a hook called conditionally in the renderer is reported', async () => {
  const code = "import { useState } from 'react'\nexport function Probe({ on }: { on: boolean }) {\n  if (on) useState(0)\n  return null\n}\n"
  expect(await rulesBroken('src/renderer/src/probe.tsx', code)).toContain('react-hooks/rules-of-hooks')
})
