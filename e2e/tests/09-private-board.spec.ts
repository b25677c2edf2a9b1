import { uniqueBoardName } from '../fixtures/seed-board.js';
import { expect, test } from '../fixtures/test.js';

test('private boards: Cleo without the key gets "No access"; with the shared link she gets in', async ({
  ana,
  cleo,
}) => {
  const boardName = uniqueBoardName('Story 9');
  const boardId = await ana.createBoard(boardName, { private: true });
  await expect(ana.page.getByText('Private', { exact: true })).toBeVisible();
  await ana.addCounter('Votes');

  await ana.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await ana.page.getByRole('button', { name: 'Share', exact: true }).click();
  await expect(ana.page.getByText('Link copied')).toBeVisible();
  const link = new URL(await ana.page.evaluate(() => navigator.clipboard.readText()));
  expect(link.pathname).toBe(`/b/${boardId}`);
  // The key travels in the fragment, which browsers never send to a server.
  expect(link.search).toBe('');
  expect(link.hash).toMatch(/^#key=.+/);

  await cleo.open(`/b/${boardId}`);
  await expect(cleo.page.getByRole('heading', { name: 'No access' })).toBeVisible();
  await expect(cleo.page.getByRole('heading', { name: boardName })).toHaveCount(0);

  await cleo.page.goto('/boards');
  await cleo.page.goto(`/b/${boardId}#key=not-the-key`);
  await expect(cleo.page.getByRole('heading', { name: 'No access' })).toBeVisible();

  await cleo.page.goto('/boards');
  await cleo.page.goto(link.href);
  await expect(cleo.page.getByRole('heading', { level: 1, name: boardName })).toBeVisible();
  await expect(cleo.members.getByText('Ana')).toBeVisible();
  await expect(ana.members.getByText('Cleo')).toBeVisible();
  // The link carries the access key, not Ana's owner key: Cleo is a member.
  await cleo.counter('Votes').reset.click();
  await expect(cleo.page.getByRole('alert')).toContainText(/only the board owner/i);
});
