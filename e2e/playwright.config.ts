import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

/**
 * Playwright drives the system Chromium (never a downloaded browser build): Debian's `chromium`
 * package, or any Chromium binary named in CHROMIUM_PATH.
 */
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromiumPath)) {
  throw new Error(
    `No Chromium at ${chromiumPath}. Install it with \`apt-get install -y chromium\` ` +
      '(Debian/Ubuntu) or set CHROMIUM_PATH to a Chromium binary. `playwright install` is not used.',
  );
}

const onCI = Boolean(process.env.CI);

export default defineConfig({
  testDir: './tests',
  // Each worker owns one server process (see fixtures/test.ts); two match the two cores we have.
  workers: 2,
  fullyParallel: true,
  forbidOnly: onCI,
  retries: onCI ? 1 : 0,
  // A story takes 5-15 s; the margin is for a machine whose two cores are busy with other work.
  timeout: 45_000,
  expect: { timeout: 5_000 },
  reporter: [['list'], ['html', { open: 'never' }]],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      // Without the background-networking flags Chromium keeps calling home on a closed network.
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
