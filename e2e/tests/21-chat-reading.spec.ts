import type { Locator } from '@playwright/test';
import { axeViolations } from '../fixtures/axe.js';
import { seedBoard } from '../fixtures/seed-board.js';
import { SetupClient } from '../fixtures/setup-client.js';
import { expect, test } from '../fixtures/test.js';

// Each axe pass takes a second or two on this machine.
test.describe.configure({ timeout: 90_000 });

const EARLIER = 80;

/** A board whose chat already holds EARLIER messages ("Earlier message 1" first), sent by a setup socket. */
async function boardWithHistory(api: Parameters<typeof seedBoard>[0], label: string) {
  const board = await seedBoard(api, { label, counters: [{ name: 'Count' }] });
  const setup = await SetupClient.connect(api.baseURL);
  try {
    await setup.join(board.id, board.ownerKey);
    for (let n = 1; n <= EARLIER; n++) await setup.sendChat(board.id, `Earlier message ${n}`);
  } finally {
    setup.close();
  }
  return board;
}

/** Where a message sits in the chat's viewport: its top edge's distance from the log's top edge. */
async function offsetInLog(chat: Locator, text: string): Promise<number> {
  return chat.evaluate((log, wanted) => {
    const item = [...log.querySelectorAll('li')].find((li) => li.textContent?.endsWith(wanted));
    if (item === undefined) throw new Error(`no message "${wanted}" in the chat`);
    return item.getBoundingClientRect().top - log.getBoundingClientRect().top;
  }, text);
}

async function scrollLogTo(chat: Locator, top: number): Promise<void> {
  await chat.evaluate(
    (log, scrollTop) =>
      new Promise<void>((resolve) => {
        log.addEventListener('scroll', () => resolve(), { once: true });
        log.scrollTop = scrollTop;
      }),
    top,
  );
}

const atBottom = (chat: Locator) =>
  chat.evaluate((log) => log.scrollHeight - log.scrollTop - log.clientHeight <= 8);

test('chat: a reader up in the log keeps their place while others write, and a pill takes them to the new messages', async ({
  api,
  ana,
  ben,
}) => {
  const board = await boardWithHistory(api, 'Story 21');
  await ana.open(board.path);
  await ben.open(board.path);
  await expect(ben.chat.getByText(`Earlier message ${EARLIER}`, { exact: true })).toBeVisible();
  expect(await atBottom(ben.chat), 'the chat opens at its latest message').toBe(true);

  // Ben scrolls up to read; Ana writes three messages meanwhile.
  await scrollLogTo(ben.chat, 200);
  const reading = 'Earlier message 45';
  const offsetBefore = await offsetInLog(ben.chat, reading);
  for (const text of ['Doors open', 'Queue is long', 'Need a hand at gate 2']) await ana.sendChat(text);
  const pill = ben.page.getByRole('button', { name: '3 new messages', exact: true });
  await expect(pill).toBeVisible();
  await expect(ben.chat.getByText('Need a hand at gate 2', { exact: true })).toBeAttached();
  expect(await ben.chat.evaluate((log) => log.scrollTop), 'the log did not move').toBe(200);
  expect(await offsetInLog(ben.chat, reading)).toBe(offsetBefore);

  for (const colorScheme of ['light', 'dark'] as const) {
    await ben.page.emulateMedia({ colorScheme });
    expect(await axeViolations(ben.page), `chat with the new-messages pill, ${colorScheme}`).toEqual([]);
  }

  await pill.click();
  await expect(pill).toHaveCount(0);
  await expect(ben.chat.getByText('Need a hand at gate 2', { exact: true })).toBeInViewport();
  expect(await atBottom(ben.chat)).toBe(true);
  await expect(ben.chat).toBeFocused();

  // At the end again, the log follows: the next message shows without a pill.
  await ana.sendChat('All good now');
  await expect(ben.chat.getByText('All good now', { exact: true })).toBeInViewport();
  await expect(ben.page.getByRole('button', { name: /new messages?$/ })).toHaveCount(0);

  // Ana's own message takes her to the end even when she was reading further up.
  await scrollLogTo(ana.chat, 0);
  await ana.sendChat('On my way');
  await expect(ana.chat.getByText('On my way', { exact: true })).toBeInViewport();
});

test('chat: "Load earlier messages" pages back to the first message and keeps the one being read in place', async ({
  api,
  ben,
}) => {
  const board = await boardWithHistory(api, 'Story 21');
  await ben.open(board.path);
  // The snapshot brings the last 50: messages 31 to 80.
  await expect(ben.chat.getByRole('listitem')).toHaveCount(50);
  await scrollLogTo(ben.chat, 0);
  const load = ben.chat.getByRole('button', { name: 'Load earlier messages', exact: true });
  await expect(load).toBeVisible();

  for (const colorScheme of ['light', 'dark'] as const) {
    await ben.page.emulateMedia({ colorScheme });
    expect(await axeViolations(ben.page), `chat with "Load earlier messages", ${colorScheme}`).toEqual([]);
  }

  const reading = 'Earlier message 31';
  const offsetBefore = await offsetInLog(ben.chat, reading);
  await load.click();
  await expect(ben.chat.getByRole('listitem')).toHaveCount(EARLIER);
  await expect(ben.chat.getByText('Earlier message 1', { exact: true })).toBeAttached();
  expect(
    Math.abs((await offsetInLog(ben.chat, reading)) - offsetBefore),
    'the message read stays put',
  ).toBeLessThan(2);
  await expect(ben.chat.getByText(reading, { exact: true })).toBeInViewport();

  // Nothing is left before the first message: the button gives way to a note, and focus stays in the chat.
  await expect(load).toHaveCount(0);
  await expect(ben.chat).toBeFocused();
  await scrollLogTo(ben.chat, 0);
  await expect(ben.chat.getByText('No earlier messages', { exact: true })).toBeInViewport();
  await expect(ben.chat.getByRole('listitem').first()).toContainText('Earlier message 1');
  expect(await axeViolations(ben.page), 'chat paged back to its start').toEqual([]);
});
