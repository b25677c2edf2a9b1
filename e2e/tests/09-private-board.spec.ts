import type { Page } from '@playwright/test';
import { axeViolations } from '../fixtures/axe.js';
import { uniqueBoardName } from '../fixtures/seed-board.js';
import { expect, test } from '../fixtures/test.js';

/** The keys this browser keeps for a board (where the app stores them: apps/web/src/boards/board-keys.ts). */
function storedKeys(page: Page, boardId: string): Promise<Record<string, string>> {
  return page.evaluate(
    (id) => (JSON.parse(localStorage.getItem('tally.boardKeys') ?? '{}') as Record<string, never>)[id] ?? {},
    boardId,
  );
}

/** Marks the document, so that a test can tell a later reload (the mark is gone) from a change in place. */
async function markDocument(page: Page): Promise<() => Promise<boolean>> {
  await page.evaluate(() => {
    (window as { storyMark?: boolean }).storyMark = true;
  });
  return () => page.evaluate(() => (window as { storyMark?: boolean }).storyMark === true);
}

test('private boards: Cleo without the key gets "No access"; a wrong key is forgotten; the shared link pasted in the same tab lets her in at once', async ({
  ana,
  cleo,
}) => {
  const boardName = uniqueBoardName('Story 9');
  const boardId = await ana.createBoard(boardName, { private: true });
  await expect(ana.page.getByText('Private', { exact: true })).toBeVisible();
  await ana.addCounter('Votes');

  const link = await ana.copyShareLink('Copy link');
  expect(link.pathname).toBe(`/b/${boardId}`);
  // The key travels in the fragment, which browsers never send to a server.
  expect(link.search).toBe('');
  expect(link.hash).toMatch(/^#key=.+/);

  await cleo.open(`/b/${boardId}`);
  await expect(cleo.page.getByRole('heading', { name: 'No access' })).toBeVisible();
  await expect(cleo.page.getByRole('heading', { name: boardName })).toHaveCount(0);

  await test.step('a wrong key is refused, and not kept', async () => {
    await cleo.page.goto('/boards');
    await cleo.page.goto(`/b/${boardId}#key=not-the-key`);
    await expect(cleo.page.getByRole('heading', { name: 'No access' })).toBeVisible();
    expect(await storedKeys(cleo.page, boardId)).toEqual({});
  });

  await test.step('Cleo pastes the shared link over the address: the board opens at once, without a reload', async () => {
    const stillTheSameDocument = await markDocument(cleo.page);
    await cleo.page.goto(link.href);
    await expect(cleo.page.getByRole('heading', { level: 1, name: boardName })).toBeVisible();
    expect(await stillTheSameDocument()).toBe(true);
    await expect(cleo.members.getByText('Ana')).toBeVisible();
    await expect(ana.members.getByText('Cleo')).toBeVisible();
    // The link carries the access key, not Ana's owner key: Cleo is a member.
    await expect(cleo.page.getByText('Owner', { exact: true })).toHaveCount(0);
    await cleo.counter('Votes').increment.click();
    await expect(ana.counter('Votes').value).toHaveText('1');
  });

  await test.step('the accepted key is kept: a later visit without it still gets in', async () => {
    await cleo.page.goto('/boards');
    await cleo.page.goto(`/b/${boardId}`);
    await expect(cleo.page.getByRole('heading', { level: 1, name: boardName })).toBeVisible();
  });
});

test('a public board opened with a wrong key opens without it, now and on later visits', async ({
  ana,
  cleo,
}) => {
  const boardName = uniqueBoardName('Story 9 public');
  const boardId = await ana.createBoard(boardName);
  await ana.addCounter('Votes');

  await cleo.open(`/b/${boardId}#key=not-a-key-of-this-board`);
  await expect(cleo.page.getByRole('heading', { level: 1, name: boardName })).toBeVisible();
  await expect(cleo.page.getByText('View only', { exact: true })).toHaveCount(0);
  await expect(cleo.counter('Votes').increment).toBeVisible();
  expect(await storedKeys(cleo.page, boardId)).toEqual({});

  await cleo.page.goto('/boards');
  await cleo.page.goto(`/b/${boardId}`);
  await expect(cleo.page.getByRole('heading', { level: 1, name: boardName })).toBeVisible();
  await cleo.counter('Votes').increment.click();
  await expect(ana.counter('Votes').value).toHaveText('1');
});

test("owner access: Ana's secret owner link makes Ben's browser an owner of her board, on later visits too", async ({
  ana,
  ben,
}) => {
  const boardName = uniqueBoardName('Story 9 owner');
  const boardId = await ana.createBoard(boardName, { private: true });

  await test.step('the Share dialog keeps the owner link hidden until asked, and says it is a secret', async () => {
    await ana.page.getByRole('button', { name: 'Share', exact: true }).click();
    const ownerAccess = ana.shareDialog.getByRole('region', { name: 'Owner access', exact: true });
    await expect(ownerAccess).toContainText('Anyone with this link can rename, reset and delete counters.');
    await expect(ownerAccess.getByRole('button', { name: 'Copy owner link', exact: true })).toHaveCount(0);
    await ownerAccess.getByRole('button', { name: 'Show owner link', exact: true }).click();
    await expect(ownerAccess.getByRole('button', { name: 'Copy owner link', exact: true })).toBeVisible();
    for (const colorScheme of ['light', 'dark'] as const) {
      await ana.page.emulateMedia({ colorScheme });
      expect(await axeViolations(ana.page), `Share dialog with the owner link, ${colorScheme}`).toEqual([]);
    }
    await ana.page.keyboard.press('Escape');
    await expect(ana.shareDialog).toHaveCount(0);
  });

  const ownerLink = await ana.copyShareLink('Copy owner link');
  expect(ownerLink.pathname).toBe(`/b/${boardId}`);
  expect(ownerLink.hash).toMatch(/^#key=.+/);

  await ben.open(`${ownerLink.pathname}${ownerLink.hash}`);
  await expect(ben.page.getByRole('heading', { level: 1, name: boardName })).toBeVisible();
  await expect(ben.page.getByText('Owner', { exact: true })).toBeVisible();

  await ben.page.goto('/boards');
  await ben.page.goto(`/b/${boardId}`);
  await expect(ben.page.getByText('Owner', { exact: true })).toBeVisible();
  await expect(ben.page.getByRole('button', { name: 'Board menu', exact: true })).toBeVisible();
  // Ben's browser now holds what the creating one does: he can hand the board's links on too.
  const benLink = await ben.copyShareLink('Copy link');
  expect(benLink.hash).toMatch(/^#key=.+/);
});
