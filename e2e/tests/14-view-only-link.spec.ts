import { uniqueBoardName } from '../fixtures/seed-board.js';
import { expect, ownServer, test } from '../fixtures/test.js';

// The header's "N online" counts everyone on the server, so this story has a server of its own.
test.use({ server: ownServer });

test('view-only link: Cleo follows every change live, can change nothing, and is counted by nobody', async ({
  ana,
  ben,
  cleo,
}) => {
  const boardId = await ana.createBoard(uniqueBoardName('Story 14'));
  await ana.addCounter('Votes');
  const link = await ana.copyViewOnlyLink();
  // The link opens display mode (story 19); its key opens the board itself too, view only.
  expect(link.pathname).toBe(`/b/${boardId}/display`);
  expect(link.hash).toMatch(/^#key=.+/);

  await test.step('Cleo opens the board with the view-only key: the board, with no control that changes it', async () => {
    await cleo.open(`/b/${boardId}${link.hash}`);
    await expect(cleo.page.getByText('View only', { exact: true })).toBeVisible();
    const votes = cleo.counter('Votes');
    await expect(votes.value).toHaveText('0');
    await expect(votes.increment).toHaveCount(0);
    await expect(votes.decrement).toHaveCount(0);
    await expect(votes.options).toHaveCount(0);
    await expect(cleo.page.getByRole('textbox', { name: 'Message', exact: true })).toHaveCount(0);
    await expect(cleo.page.getByRole('textbox', { name: 'New counter name', exact: true })).toHaveCount(0);
    await expect(cleo.members.getByText('Ana')).toBeVisible();
  });

  await test.step('Ben, a member, arrives after her: he is listed, Cleo is not', async () => {
    await ben.open(`/b/${boardId}`);
    await expect(ana.members.getByText('Ben')).toBeVisible();
    // The summary that names Ben was made after Cleo joined: it would have named her too.
    await expect(ana.hereNow).toHaveText('2 online');
    await expect(ana.members.getByText('Cleo')).toHaveCount(0);
    await expect(ben.members.getByText('Cleo')).toHaveCount(0);
    await expect(cleo.members.getByText('Ben')).toBeVisible();
  });

  await test.step("Ana's clicks and messages reach Cleo live", async () => {
    const anasEvents = await ana.openInspector();
    await ana.counter('Votes').clickIncrement(3);
    await expect(cleo.counter('Votes').value).toHaveText('3');
    // The first `stats` that counts these clicks was read after everyone arrived (this server has
    // seen no other increment): from then on, the header counts Ana and Ben, not Cleo.
    await expect(anasEvents.getByText(/"totalIncrements":3\b/).first()).toBeVisible();
    await expect(ana.online).toHaveText('2 online');
    await ana.page.getByRole('button', { name: 'Close inspector', exact: true }).click();

    await ana.sendChat('Hello, wall');
    await expect(cleo.chat.getByText('Hello, wall')).toBeVisible();
    await expect(cleo.activity.getByText('Ana +3 on Votes', { exact: true })).toBeVisible();
  });
});
