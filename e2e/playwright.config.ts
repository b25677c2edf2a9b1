import { defineConfig } from '@playwright/test';
import { systemChromium } from '@tally/system-chromium';

const onCI = Boolean(process.env.CI);
const chromium = systemChromium();

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
    // The system Chromium (never a downloaded build); stops with what to install when missing.
    // Without --disable-auto-reload, an error page reloads itself a second after it failed (with
    // the machine online, whatever the emulation says), and that reload and a story's own abort
    // each other (story 6's reload right after the network is back: net::ERR_ABORTED).
    launchOptions: { ...chromium, args: [...chromium.args, '--disable-auto-reload'] },
  },
});
