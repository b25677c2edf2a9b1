import { uniqueBoardName } from '../fixtures/seed-board.js';
import { expect, test } from '../fixtures/test.js';

test("acknowledgements: Ana's click is confirmed; a member's forbidden reset is rolled back with a message", async ({
  api,
  ana,
  ben,
}) => {
  // Ana creates the board, so she is its owner; Ben only opens it, so he is a member.
  const boardId = await ana.createBoard(uniqueBoardName('Story 5'));
  await ana.addCounter('Score');
  const anasScore = ana.counter('Score');
  await expect(anasScore.value).toHaveText('0');

  await test.step('Ana clicks: shown at once, pending until the ack, then confirmed', async () => {
    // Held messages are the websocket's: wait until Socket.IO has moved off long-polling onto it.
    await ana.network.linkInUse();
    ana.network.holdServerMessages();
    await anasScore.increment.click();
    await expect(anasScore.value).toHaveText('1');
    await expect(anasScore.pending).toHaveText('1 pending');
    ana.network.releaseServerMessages();
    await expect(anasScore.pending).toHaveCount(0);
    await expect(anasScore.value).toHaveText('1');
    await expect.poll(() => api.counter(boardId, 'Score')).toMatchObject({ value: 1, version: 1 });
  });

  await test.step('Ben, a member, presses Reset: shown, then rolled back with the reason', async () => {
    await ben.open(`/b/${boardId}`);
    const bensScore = ben.counter('Score');
    await expect(bensScore.value).toHaveText('1');
    await ben.network.linkInUse();
    ben.network.holdServerMessages();
    await bensScore.reset.click();
    await expect(bensScore.value).toHaveText('0');
    ben.network.releaseServerMessages();
    await expect(ben.page.getByRole('alert')).toContainText(/only the board owner/i);
    await expect(bensScore.value).toHaveText('1');
    await expect(anasScore.value).toHaveText('1');
    await expect.poll(() => api.counter(boardId, 'Score')).toMatchObject({ value: 1, version: 1 });
  });
});
