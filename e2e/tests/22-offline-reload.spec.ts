import { appendFile, cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { axeViolations } from '../fixtures/axe.js';
import { seedBoard } from '../fixtures/seed-board.js';
import { startStoryServer } from '../fixtures/story-server.js';
import { expect, test } from '../fixtures/test.js';

const builtWebApp = resolve(dirname(fileURLToPath(import.meta.url)), '../../apps/web/dist');

// Each axe pass takes a second or two on this machine.
test.describe.configure({ timeout: 90_000 });

/** axe finds nothing on the page as it is, in light and in dark. */
async function expectAccessibleInBothSchemes(page: Page): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await axeViolations(page), `axe in ${colorScheme}`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: null });
}

/** Resolves once the page is controlled by the app's service worker (it has precached the app then). */
async function serviceWorkerInControl(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

/**
 * The boards the app keeps as last seen (@tally/client's IndexedDB store): it writes a board
 * within a second of a change, and the story waits for that instead of for a time.
 */
function lastKnownBoardIds(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((done, fail) => {
        const open = indexedDB.open('tally');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const read = open.result.transaction('client').objectStore('client').get('lastKnownBoards');
          read.onerror = () => fail(read.error);
          read.onsuccess = () => {
            open.result.close();
            const stored = read.result as { boards?: Array<{ board: { id: string } }> } | undefined;
            done((stored?.boards ?? []).map((entry) => entry.board.id));
          };
        };
      }),
  );
}

test('offline reload: the app opens from its service worker with the board as last seen, and the clicks pending there are sent once back', async ({
  api,
  ana,
  ben,
}) => {
  const board = await seedBoard(api, { label: 'Story 22', counters: [{ name: 'Count', value: 10 }] });
  const onServer = () => api.counter(board.id, 'Count');
  const anas = ana.counter('Count');
  const lastKnownNote = ana.page
    .getByRole('status')
    .filter({ hasText: 'Offline — showing the last known state' });
  await ana.open(board.path);
  await expect(anas.value).toHaveText('10');

  await test.step('the app is installed: its worker controls the page and the board is kept', async () => {
    await serviceWorkerInControl(ana.page);
    await expect.poll(() => lastKnownBoardIds(ana.page)).toContain(board.id);
  });

  await test.step('offline, Ana clicks three times', async () => {
    await ana.goOffline();
    await expect(ana.connection).toHaveText(/^Offline/);
    await anas.clickIncrement(3);
    await expect(anas.pending).toHaveText('3 pending');
    await expect(anas.value).toHaveText('13');
  });

  await test.step('a reload offline opens the app: the board as last seen, the three clicks still pending', async () => {
    // Not the browser's "No internet" page: the reload itself succeeds.
    await ana.page.reload();
    await expect(ana.page.getByRole('heading', { level: 1, name: board.name, exact: true })).toBeVisible();
    await expect(lastKnownNote).toBeVisible();
    await expect(anas.pending).toHaveText('3 pending');
    await expect(anas.value).toHaveText('13');
    await expect(ana.connection).toHaveText(/^Offline/);
    expect(await onServer()).toMatchObject({ value: 10 });
    await expectAccessibleInBothSchemes(ana.page);
  });

  await test.step('back online, the clicks are sent once and Ben sees them', async () => {
    const bens = ben.counter('Count');
    await ben.open(board.path);
    await expect(bens.value).toHaveText('10');
    await ana.goOnline();
    await expect(ana.connection).toHaveText(/^Connected/);
    await expect(anas.pending).toHaveCount(0);
    await expect(lastKnownNote).toHaveCount(0);
    await expect(anas.value).toHaveText('13');
    await expect(bens.value).toHaveText('13');
    await expect.poll(onServer).toMatchObject({ value: 13, version: 3 });
  });
});

/** A server over a copy of the built app, which the story can deploy a new version into. */
const deployTest = test.extend<{ webDir: string }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
  webDir: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'tally-web-'));
    await cp(builtWebApp, dir, { recursive: true });
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },
  server: async ({ webDir }, use) => {
    const server = await startStoryServer({ WEB_DIST_DIR: webDir });
    await use(server);
    await server.dispose();
  },
});

deployTest(
  'after a deploy the new version waits until Ana chooses "Reload to update"',
  async ({ api, ana, webDir }) => {
    const board = await seedBoard(api, { label: 'Story 22 deploy', counters: [{ name: 'Count', value: 1 }] });
    const prompt = ana.page.getByRole('complementary', { name: 'Update', exact: true });
    const waitingWorker = () =>
      ana.page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting != null);
    await ana.open(board.path);
    await serviceWorkerInControl(ana.page);

    await deployTest.step(
      'a new version is deployed: Ana is offered it, and is not switched silently',
      async () => {
        // A changed service worker is a new version to the browser, as after a real build.
        await appendFile(join(webDir, 'sw.js'), '\n// deployed again\n');
        // The browser looks for a new worker at every navigation.
        await ana.page.reload();
        // The page registers its worker when idle after loading (up to 5 s on a busy machine),
        // and hears of the waiting version then.
        await expect(prompt).toBeVisible({ timeout: 15_000 });
        await expect(prompt.getByRole('status')).toHaveText('A new version of Tally is ready.');
        expect(await waitingWorker()).toBe(true);
        await expectAccessibleInBothSchemes(ana.page);
      },
    );

    await deployTest.step('"Reload to update" activates the new version and reloads into it', async () => {
      const reloaded = ana.page.waitForEvent('load');
      await prompt.getByRole('button', { name: 'Reload to update', exact: true }).click();
      await reloaded;
      await expect(ana.counter('Count').value).toHaveText('1');
      expect(await waitingWorker()).toBe(false);
      await expect(prompt).toHaveCount(0);
    });
  },
);
