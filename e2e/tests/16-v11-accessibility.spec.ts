import { axeViolations } from '../fixtures/axe.js';
import { uniqueBoardName } from '../fixtures/seed-board.js';
import { expect, test } from '../fixtures/test.js';

// Each axe pass takes a second or two on this machine, and these stories make many of them.
test.describe.configure({ timeout: 90_000 });

test('the v1.1 screens pass axe: owner controls, undo offer, card settings, board menu, import dialog, view-only board', async ({
  ana,
  cleo,
}) => {
  const boardId = await ana.createBoard(uniqueBoardName('Story 16'));
  await ana.addCounter('Guests', { min: 0, max: 250, step: 5, goal: 200 });
  const guests = ana.counter('Guests');
  await guests.clickIncrement(2);
  await expect(ana.undoOffer).toBeVisible();
  for (const colorScheme of ['light', 'dark'] as const) {
    await ana.page.emulateMedia({ colorScheme });
    expect(await axeViolations(ana.page), `owner's board with the undo offer, ${colorScheme}`).toEqual([]);
  }

  await guests.chooseOption('Settings');
  await expect(ana.page.getByRole('form', { name: 'Settings of Guests' })).toBeVisible();
  expect(await axeViolations(ana.page), 'card settings').toEqual([]);
  await ana.page.getByRole('button', { name: 'Cancel', exact: true }).click();

  await ana.page.getByRole('button', { name: 'Board menu', exact: true }).click();
  await expect(ana.page.getByRole('menu', { name: 'Board menu', exact: true })).toBeVisible();
  expect(await axeViolations(ana.page), 'board menu').toEqual([]);
  await ana.page.getByRole('menuitem', { name: 'Import board', exact: true }).click();
  await expect(ana.importDialog).toBeVisible();
  expect(await axeViolations(ana.page), 'import dialog').toEqual([]);
  await ana.importDialog.getByRole('button', { name: 'Cancel', exact: true }).click();

  const viewOnly = await ana.copyViewOnlyLink();
  // The link opens display mode (axe in story 19); its key opens the board page too, view only.
  await cleo.open(`/b/${boardId}${viewOnly.hash}`);
  await expect(cleo.page.getByText('View only', { exact: true })).toBeVisible();
  for (const colorScheme of ['light', 'dark'] as const) {
    await cleo.page.emulateMedia({ colorScheme });
    expect(await axeViolations(cleo.page), `view-only board, ${colorScheme}`).toEqual([]);
  }
});

test("a member's board passes axe with a chat long enough to scroll and an activity feed, and the keyboard scrolls the chat", async ({
  ana,
  ben,
}) => {
  const boardId = await ana.createBoard(uniqueBoardName('Story 16'));
  await ana.addCounter('Count');
  await ben.open(`/b/${boardId}`);
  await ben.counter('Count').clickIncrement(2);
  await expect(ben.activity.getByText('Ben +2 on Count', { exact: true })).toBeVisible();
  // More messages than the chat box holds, from Ben himself and from someone else.
  for (let index = 1; index <= 6; index++) {
    const writer = index % 2 === 0 ? ben : ana;
    await writer.sendChat(`Message ${index} of a chat that outgrows its box`);
    await expect(ben.chat.getByText(`Message ${index} of`)).toBeVisible();
  }
  const chatOverflows = await ben.chat.evaluate((log) => log.scrollHeight > log.clientHeight);
  expect(chatOverflows, 'the chat scrolls').toBe(true);

  for (const colorScheme of ['light', 'dark'] as const) {
    await ben.page.emulateMedia({ colorScheme });
    expect(await axeViolations(ben.page), `member's board with chat and activity, ${colorScheme}`).toEqual(
      [],
    );
  }

  // The chat sits just before its message field in the tab order, with a focus ring, and scrolls by keys.
  await ben.page.getByRole('textbox', { name: 'Message', exact: true }).focus();
  await ben.page.keyboard.press('Shift+Tab');
  await expect(ben.chat).toBeFocused();
  await expect(ben.chat).toHaveCSS('outline-style', 'solid');
  await ben.page.keyboard.press('Home');
  await expect.poll(() => ben.chat.evaluate((log) => log.scrollTop)).toBe(0);
});
