import type { Locator, Page } from '@playwright/test';
import { CounterCard } from '../fixtures/counter-card.js';
import { IncrementFrames } from '../fixtures/increment-frames.js';
import type { Person } from '../fixtures/person.js';
import { seedBoard } from '../fixtures/seed-board.js';
import { expect, test } from '../fixtures/test.js';

/** What a story reads in one tab: its connection badge and the card of the board's one counter. */
interface Tab {
  page: Page;
  connection: Locator;
  count: CounterCard;
}

function tabOf(page: Page): Tab {
  return {
    page,
    connection: page.getByRole('status', { name: 'Connection', exact: true }),
    count: new CounterCard(page, 'Count'),
  };
}

/**
 * Tab A is the person's own page and tab B another page of the same browser context: one profile,
 * so one storage and one clientId. `beforeOpen` sees each page before it loads the board.
 */
async function openTwoTabs(
  person: Person,
  path: string,
  beforeOpen: (page: Page, tab: string) => void = () => {},
): Promise<[Tab, Tab]> {
  const open = async (page: Page, name: string): Promise<Tab> => {
    beforeOpen(page, name);
    await page.goto(path);
    const tab = tabOf(page);
    await expect(tab.connection).toHaveText(/^Connected/);
    // Joined, not just connected: a board still joining when the link is cut has nothing to click.
    await expect(tab.count.value).toHaveText('10');
    return tab;
  };
  const tabA = await open(person.page, 'A');
  return [tabA, await open(await person.context.newPage(), 'B')];
}

/** Every tab shows the profile's every click at once: the value with them all, and all pending. */
async function expectPendingInEvery(tabs: Tab[], value: number, pending: number): Promise<void> {
  for (const tab of tabs) {
    await expect(tab.count.value).toHaveText(String(value));
    await expect(tab.count.pending).toHaveText(`${pending} pending`);
  }
}

async function expectConfirmedInEvery(tabs: Tab[], value: number): Promise<void> {
  for (const tab of tabs) {
    await expect(tab.connection).toHaveText(/^Connected/);
    await expect(tab.count.pending).toHaveCount(0);
    await expect(tab.count.value).toHaveText(String(value));
  }
}

test('two tabs offline, clicks in each, back online: one increment frame per click', async ({ api, ana }) => {
  const board = await seedBoard(api, { label: 'Story 17 frames', counters: [{ name: 'Count', value: 10 }] });
  const sent = new IncrementFrames();
  // Watched from before the board loads, so every increment the tabs ever send is counted. No
  // click is made online and none can leave while the link is cut: all of them are the flush.
  const [tabA, tabB] = await openTwoTabs(ana, board.path, (page, tab) => sent.watch(page, tab));

  await test.step('offline, three clicks in tab A and two in tab B: both tabs show all five pending', async () => {
    await ana.goOffline();
    await expect(tabA.connection).toHaveText(/^Offline/);
    await expect(tabB.connection).toHaveText(/^Offline/);
    await tabA.count.clickIncrement(3);
    await tabB.count.clickIncrement(2);
    await expectPendingInEvery([tabA, tabB], 15, 5);
  });

  await test.step('back online: the server counts five, and each click went out once, from one tab', async () => {
    await ana.goOnline();
    await expectConfirmedInEvery([tabA, tabB], 15);
    await expect.poll(() => api.counter(board.id, 'Count')).toMatchObject({ value: 15, version: 5 });
    // The server applies an opId once however often it comes, so only the wire shows a click
    // sent twice. A tab that resends a click may do so after another tab's ack cleared it from
    // view: give such a late copy time to show up before counting.
    await tabA.page.waitForTimeout(1_000);
    const opIds = sent.sent.map(({ opId }) => opId);
    const sentBy = JSON.stringify(sent.sent);
    expect(opIds, `increments sent: ${sentBy}`).toHaveLength(5);
    expect(new Set(opIds).size, `distinct opIds among ${sentBy}`).toBe(5);
  });
});

test('a tab closed while offline leaves its clicks to the other', async ({ api, ana }) => {
  const board = await seedBoard(api, { label: 'Story 17 close', counters: [{ name: 'Count', value: 10 }] });
  const [tabA, tabB] = await openTwoTabs(ana, board.path);

  await test.step('offline, two clicks in tab A and one in tab B, then tab A closes', async () => {
    await ana.goOffline();
    await expect(tabA.connection).toHaveText(/^Offline/);
    await expect(tabB.connection).toHaveText(/^Offline/);
    await tabA.count.clickIncrement(2);
    await tabB.count.clickIncrement(1);
    await expectPendingInEvery([tabA, tabB], 13, 3);
    // Tab A may have been the one to send the shared queue: it goes before sending any of it.
    await tabA.page.close();
    await expectPendingInEvery([tabB], 13, 3);
  });

  await test.step('back online: tab B sends all three, and the server counts each once', async () => {
    await ana.goOnline();
    await expectConfirmedInEvery([tabB], 13);
    await expect.poll(() => api.counter(board.id, 'Count')).toMatchObject({ value: 13, version: 3 });
    // Nothing of tab A's is left to arrive later, twice or for the first time.
    await tabB.page.waitForTimeout(1_000);
    expect(await api.counter(board.id, 'Count')).toMatchObject({ value: 13, version: 3 });
  });
});
