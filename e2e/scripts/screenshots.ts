// Takes screenshots of the running app for a visual check: a board with several people on it,
// the boards page, at 1280 px and 375 px, light and dark. Usage (paths are taken from e2e/):
//   pnpm --filter @tally/e2e screenshots http://localhost:3000 /tmp/screens [../docs]
// With a third argument, also writes the README's two pictures into that folder.
import { copyFileSync, mkdirSync } from 'node:fs';
import { type BrowserContextOptions, chromium, type Page } from '@playwright/test';
import { systemChromium } from '@tally/system-chromium';
import { seedBoard } from '../fixtures/seed-board.js';
import { SetupClient } from '../fixtures/setup-client.js';
import { TallyApi } from '../fixtures/tally-api.js';

const baseURL = process.argv[2] ?? 'http://localhost:3000';
const outDir = process.argv[3] ?? 'screens';
const docsDir = process.argv[4];
mkdirSync(outDir, { recursive: true });

const browser = await chromium.launch(systemChromium());

const problems: string[] = [];

async function person(name: string, options: BrowserContextOptions = {}) {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 860 }, ...options });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`${name}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`${name}: ${error.message}`));
  await page.goto('/boards');
  const field = page.getByRole('textbox', { name: 'Your name', exact: true });
  await field.fill(name);
  await field.press('Enter');
  return { context, page };
}

const ana = await person('Ana Lima');
await ana.page.getByRole('textbox', { name: 'Board name', exact: true }).fill('Team standup');
await ana.page.getByRole('button', { name: 'Create a board', exact: true }).click();
await ana.page.getByRole('heading', { level: 1, name: 'Team standup' }).waitFor();
const boardPath = new URL(ana.page.url()).pathname;
for (const counter of ['Coffees', 'Bugs fixed', 'Deploys', 'Questions']) {
  await ana.page.getByRole('textbox', { name: 'New counter name', exact: true }).fill(counter);
  await ana.page.getByRole('button', { name: 'Add counter', exact: true }).click();
  await ana.page.getByRole('group', { name: counter, exact: true }).waitFor();
}
async function click(page: Page, counter: string, button: 'Increment' | 'Decrement', times: number) {
  const card = page.getByRole('group', { name: counter, exact: true });
  for (let i = 0; i < times; i += 1) await card.getByRole('button', { name: button, exact: true }).click();
}
await click(ana.page, 'Coffees', 'Increment', 7);
await click(ana.page, 'Bugs fixed', 'Increment', 3);
// A counter with limits, a step and a goal (v1.1): door staff counting a venue.
await ana.page.getByRole('textbox', { name: 'New counter name', exact: true }).fill('Guests inside');
await ana.page.getByRole('button', { name: 'Limits & goal', exact: true }).click();
for (const [field, value] of [
  ['Minimum', '0'],
  ['Maximum', '250'],
  ['Step', '5'],
  ['Goal', '200'],
] as const) {
  await ana.page.getByRole('spinbutton', { name: field, exact: true }).fill(value);
}
await ana.page.getByRole('button', { name: 'Add counter', exact: true }).click();
await ana.page.getByRole('group', { name: 'Guests inside', exact: true }).waitFor();
await click(ana.page, 'Guests inside', 'Increment', 9);
await ana.context.grantPermissions(['clipboard-read', 'clipboard-write']);
await ana.page.getByRole('button', { name: 'Share', exact: true }).click();
const shareDialog = ana.page.getByRole('dialog', { name: 'Share this board', exact: true });
await shareDialog.getByRole('button', { name: 'Copy view-only link', exact: true }).click();
// The view-only link opens display mode (/b/:id/display#key=…).
const displayPath = new URL(await ana.page.evaluate(() => navigator.clipboard.readText())).href.replace(
  baseURL,
  '',
);
await shareDialog.getByRole('button', { name: 'Close', exact: true }).click();

const ben = await person('Ben Okafor');
await ben.page.goto(boardPath);
await ben.page.getByRole('group', { name: 'Deploys', exact: true }).waitFor();
await click(ben.page, 'Deploys', 'Increment', 2);
await click(ben.page, 'Questions', 'Increment', 4);
await ben.page
  .getByRole('textbox', { name: 'Message', exact: true })
  .fill('Morning! Coffee count is looking healthy');
await ben.page.getByRole('button', { name: 'Send', exact: true }).click();

const cleo = await person('Cleo');
await cleo.page.goto(boardPath);
await cleo.page.getByRole('textbox', { name: 'Message', exact: true }).fill('Two bugs down before lunch!');
await cleo.page.getByRole('button', { name: 'Send', exact: true }).click();
await cleo.page.getByRole('group', { name: 'Bugs fixed', exact: true }).hover();
await ana.page
  .getByRole('textbox', { name: 'Message', exact: true })
  .fill('Seven already? <b>Tea</b> counts too');
await ana.page.getByRole('button', { name: 'Send', exact: true }).click();
await ben.page.getByRole('group', { name: 'Deploys', exact: true }).hover();
await click(cleo.page, 'Bugs fixed', 'Increment', 2);

/** What the others do once a viewer is on the board, so that its feed and markers have something to show. */
async function liven() {
  await ben.page.mouse.move(0, 0);
  await cleo.page.mouse.move(0, 0);
  await click(ben.page, 'Deploys', 'Increment', 3);
  await click(cleo.page, 'Bugs fixed', 'Increment', 2);
  await ben.page.getByRole('group', { name: 'Deploys', exact: true }).hover();
  await cleo.page.getByRole('group', { name: 'Coffees', exact: true }).hover();
}

type ShotOptions = BrowserContextOptions & { fullPage?: boolean };

async function shoot(
  label: string,
  options: ShotOptions,
  path = boardPath,
  prepare: (page: Page) => Promise<unknown> = liven,
) {
  const { fullPage = false, ...contextOptions } = options;
  const viewer = await browser.newContext({ baseURL, ...contextOptions });
  const page = await viewer.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`${label}: ${message.text()}`);
  });
  await page.addInitScript(() => localStorage.setItem('tally.name', 'Dana'));
  await page.goto(path);
  await page
    .getByRole('status', { name: 'Connection' })
    // "Live" in display mode.
    .getByText(/Connected ·|Live/)
    .waitFor();
  await prepare(page);
  await page.waitForTimeout(600);
  await page.screenshot({ path: `${outDir}/${label}.png`, fullPage });
  await viewer.close();
}

const sizes: Record<'desktop' | 'mobile', ShotOptions> = {
  desktop: { viewport: { width: 1280, height: 860 } },
  mobile: { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
};
for (const [size, options] of Object.entries(sizes)) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await shoot(`board-${size}-${colorScheme}`, { ...options, colorScheme, fullPage: size === 'mobile' });
    await shoot(`boards-${size}-${colorScheme}`, { ...options, colorScheme }, '/boards', (page) =>
      page.getByRole('list', { name: 'Public boards' }).waitFor(),
    );
    await shoot(`home-${size}-${colorScheme}`, { ...options, colorScheme }, '/', (page) =>
      page.getByRole('list', { name: 'Public boards' }).waitFor(),
    );
    await shoot(`lobby-${size}-${colorScheme}`, { ...options, colorScheme }, '/b/lobby', async () => {});
  }
}
await shoot(
  'board-inspector-desktop-light',
  { ...sizes.desktop, colorScheme: 'light' },
  boardPath,
  async (page) => {
    // The inspector records from its first opening; it is modal, so the click comes between two.
    const inspector = page.getByRole('dialog', { name: /^Event inspector/ });
    await page.getByRole('button', { name: 'Board menu', exact: true }).click();
    await page.getByRole('menuitem', { name: /^Developer/ }).click();
    await inspector.waitFor();
    await page.keyboard.press('Escape');
    await page
      .getByRole('group', { name: 'Coffees', exact: true })
      .getByRole('button', { name: 'Increment' })
      .click();
    await page.keyboard.press('Control+Shift+E');
    await inspector.waitFor();
  },
);
await shoot(
  'board-keyboard-desktop-dark',
  { ...sizes.desktop, colorScheme: 'dark' },
  boardPath,
  async (page) => {
    await page.getByRole('group', { name: 'Coffees', exact: true }).focus();
    await page.keyboard.press('+');
  },
);

// v1.1 screens: the owner's own view (settings open, the undo offer after a click), a view-only
// screen on a wall, and the import dialog.
async function shootOwner(
  label: string,
  viewport: { width: number; height: number },
  colorScheme: 'light' | 'dark',
) {
  await ana.page.setViewportSize(viewport);
  await ana.page.emulateMedia({ colorScheme });
  await click(ana.page, 'Guests inside', 'Increment', 1);
  await ana.page
    .getByRole('status')
    .filter({ hasText: /You added/ })
    .waitFor();
  await ana.page.waitForTimeout(300);
  await ana.page.screenshot({ path: `${outDir}/${label}.png`, fullPage: viewport.width < 500 });
}
await shootOwner('owner-desktop-light', { width: 1280, height: 860 }, 'light');
await shootOwner('owner-mobile-dark', { width: 375, height: 812 }, 'dark');
await ana.page.setViewportSize({ width: 1280, height: 860 });
const guestsInside = ana.page.getByRole('group', { name: 'Guests inside', exact: true });
await guestsInside.getByRole('button', { name: 'Counter options', exact: true }).click();
await guestsInside.getByRole('menuitem', { name: 'Settings', exact: true }).click();
await ana.page.getByRole('form', { name: 'Settings of Guests inside' }).waitFor();
await ana.page.screenshot({ path: `${outDir}/owner-settings-desktop-dark.png` });
await ana.page.getByRole('button', { name: 'Cancel', exact: true }).click();
await ana.page.emulateMedia({ colorScheme: 'light' });
for (const [size, options] of Object.entries(sizes)) {
  await shoot(
    `display-${size}-dark`,
    { ...options, colorScheme: 'dark', fullPage: size === 'mobile' },
    displayPath,
  );
}
await shoot('import-mobile-light', { ...sizes.mobile, colorScheme: 'light' }, '/boards', async (page) => {
  await page.getByRole('button', { name: 'Import board', exact: true }).click();
  await page.getByRole('dialog', { name: 'Import board' }).waitFor();
});
// A crowded board: 30 counters, names of 64 chars, values up to ±(2^53 − 1), twelve people
// pointing at three of them; at 1920 and 375 px, light and dark.
const crowded = await seedBoard(new TallyApi(baseURL), {
  label: 'Crowded venue',
  counters: [
    {
      name: 'Visitors through the north gate since the doors opened at six pm',
      value: 9_007_199_254_740_991,
    },
    { name: 'Refunds', value: -9_007_199_254_740_991 },
    { name: 'Wristbands', value: 1_234_567 },
    ...Array.from({ length: 27 }, (_, i) => ({ name: `Stand ${i + 1}`, value: i * 37 })),
  ],
});
const crowd = await Promise.all(
  Array.from({ length: 12 }, (_, i) =>
    person(`Steward ${String.fromCharCode(65 + i)} of the long night shift`),
  ),
);
for (const [i, someone] of crowd.entries()) {
  await someone.page.goto(crowded.path);
  const counter = ['Wristbands', 'Refunds', 'Stand 1'][i % 3] as string;
  await someone.page.getByRole('group', { name: counter, exact: true }).hover();
}
const crowdSizes: Record<string, ShotOptions> = {
  wide: { viewport: { width: 1920, height: 1080 } },
  mobile: sizes.mobile,
};
for (const [size, options] of Object.entries(crowdSizes)) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await shoot(`crowd-${size}-${colorScheme}`, { ...options, colorScheme }, crowded.path, async () => {});
  }
}
for (const someone of crowd) await someone.context.close();

// Issue 13's screens, each at phone and desktop width, light and dark.
const everySize = Object.entries(sizes).flatMap(([size, options]) =>
  (['light', 'dark'] as const).map((colorScheme) => ({
    label: `${size}-${colorScheme}`,
    options: { ...options, colorScheme },
  })),
);

// A counter's history chart, opened from its sparkline.
for (const { label, options } of everySize) {
  await shoot(`history-${label}`, options, boardPath, async (page) => {
    await page.getByRole('button', { name: /^History of Coffees/ }).click();
    await page.getByRole('dialog', { name: 'History of Coffees' }).locator('canvas').first().waitFor();
  });
}

// A chat long enough to page back: the reader scrolled up, "Load earlier messages" in view and a
// "new messages" pill for what arrived meanwhile.
const chatty = await seedBoard(new TallyApi(baseURL), { label: 'Door team', counters: [{ name: 'Inside' }] });
const chatter = await SetupClient.connect(baseURL);
await chatter.join(chatty.id, chatty.ownerKey);
for (let n = 1; n <= 70; n++) await chatter.sendChat(chatty.id, `Gate report ${n}: all calm`);
for (const { label, options } of everySize) {
  await shoot(`chat-${label}`, options, chatty.path, async (page) => {
    const log = page.getByRole('log', { name: 'Chat' });
    await log.evaluate((element) => {
      element.scrollTop = 0;
    });
    await page.getByRole('button', { name: 'Load earlier messages' }).waitFor();
    await chatter.sendChat(chatty.id, 'Queue at gate 2 is growing');
    await page.getByRole('button', { name: /new message/ }).waitFor();
  });
}
chatter.close();

// The owner's own screens: Delete's confirmation, and Share with the secret owner link shown.
async function shootAna(label: string, open: () => Promise<unknown>, close: () => Promise<unknown>) {
  for (const [size, options] of Object.entries(sizes)) {
    for (const colorScheme of ['light', 'dark'] as const) {
      await ana.page.setViewportSize(options.viewport ?? { width: 1280, height: 860 });
      await ana.page.emulateMedia({ colorScheme });
      await open();
      await ana.page.waitForTimeout(300);
      await ana.page.screenshot({ path: `${outDir}/${label}-${size}-${colorScheme}.png` });
      await close();
    }
  }
  await ana.page.setViewportSize({ width: 1280, height: 860 });
  await ana.page.emulateMedia({ colorScheme: 'light' });
}
const questions = ana.page.getByRole('group', { name: 'Questions', exact: true });
await shootAna(
  'delete-dialog',
  async () => {
    await questions.getByRole('button', { name: 'Counter options', exact: true }).click();
    await ana.page.getByRole('menuitem', { name: 'Delete', exact: true }).click();
    await ana.page.getByRole('alertdialog').waitFor();
  },
  () => ana.page.getByRole('button', { name: 'Cancel', exact: true }).click(),
);
await shootAna(
  'share-owner-access',
  async () => {
    await ana.page.getByRole('button', { name: 'Share', exact: true }).click();
    await ana.page.getByRole('button', { name: 'Show owner link', exact: true }).click();
  },
  () =>
    ana.page
      .getByRole('dialog', { name: 'Share this board' })
      .getByRole('button', { name: 'Close', exact: true })
      .click(),
);

// Display mode with one counter: it fills the screen.
const vote = await seedBoard(new TallyApi(baseURL), {
  label: 'Class vote',
  counters: [{ name: 'Hands up', value: 17 }],
});
for (const { label, options } of [
  ...everySize.filter((shot) => shot.label.startsWith('mobile')),
  ...(['light', 'dark'] as const).map((colorScheme) => ({
    label: `wide-${colorScheme}`,
    options: { viewport: { width: 1920, height: 1080 }, colorScheme },
  })),
]) {
  await shoot(`display-one-${label}`, options, `${vote.path}/display`, async () => {});
}

if (docsDir !== undefined) {
  const desktop: ShotOptions = { viewport: { width: 1280, height: 900 }, colorScheme: 'light' };
  await shoot('docs-board', desktop, boardPath, async () => {
    await liven();
    const eli = await person('Eli Park');
    await eli.page.goto(boardPath);
    await eli.page.getByRole('group', { name: 'Questions', exact: true }).hover();
    await click(eli.page, 'Questions', 'Increment', 2);
  });
  for (const p of [ana, ben, cleo]) {
    await p.page.goto('/b/lobby');
    await p.page.getByRole('group', { name: 'Count', exact: true }).waitFor();
  }
  await click(ben.page, 'Count', 'Increment', 5);
  await ben.page
    .getByRole('textbox', { name: 'Message', exact: true })
    .fill('Anyone else here for the big count?');
  await ben.page.getByRole('button', { name: 'Send', exact: true }).click();
  await shoot('docs-lobby', desktop, '/b/lobby', async () => {
    await click(ana.page, 'Count', 'Increment', 3);
    await click(cleo.page, 'Count', 'Increment', 4);
    await ana.page.getByRole('textbox', { name: 'Message', exact: true }).fill('Counting along from Lisbon');
    await ana.page.getByRole('button', { name: 'Send', exact: true }).click();
    await cleo.page.getByRole('group', { name: 'Count', exact: true }).hover();
  });
  copyFileSync(`${outDir}/docs-board.png`, `${docsDir}/screenshot-board.png`);
  copyFileSync(`${outDir}/docs-lobby.png`, `${docsDir}/screenshot-lobby.png`);
}

for (const p of [ana, ben, cleo]) await p.context.close();
await browser.close();
console.log(problems.length === 0 ? 'no console problems' : `console problems:\n${problems.join('\n')}`);
