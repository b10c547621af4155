import { defineConfig } from '@playwright/test'

// Browser-mode end-to-end tests: each worker starts its own host (`out/main/serve.js`) on a fresh
// database (see tests/e2e/fixtures/clinic-recall-host.ts). Run `npm run build` first.
export const chromiumArgs = [
  '--headless',
  '--lang=en-GB',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run'
]

export default defineConfig({
  testDir: 'tests/e2e',
  workers: 1,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  outputDir: 'test-results/e2e',
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-results.json' }]],
  use: {
    browserName: 'chromium',
    // UK practice machines: dates in inputs show as dd/mm/yyyy.
    locale: 'en-GB',
    timezoneId: 'Europe/London',
    viewport: { width: 1400, height: 900 },
    acceptDownloads: true,
    trace: 'retain-on-failure',
    // Date and time inputs follow the browser's UI locale, which Chromium on Linux takes from LANG
    // (and needs Debian's chromium-l10n for en-GB; .ci/run installs it). Without both they show
    // US order (12/01/2026, 09:00 AM) whatever `locale` says.
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: chromiumArgs,
      env: { ...process.env, LANG: 'en_GB.UTF-8', LANGUAGE: 'en_GB' }
    }
  }
})
