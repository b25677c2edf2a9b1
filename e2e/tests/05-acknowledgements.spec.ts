import { MemberSocket } from '../fixtures/member-socket.js';
import { uniqueBoardName } from '../fixtures/seed-board.js';
import { expect, test } from '../fixtures/test.js';

test("acknowledgements: Ana's click is confirmed; a member has no owner action, and the server refuses one anyway", async ({
  api,
  appURL,
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

  await test.step('Ben, a member, sees the count but none of the owner’s actions', async () => {
    await ben.open(`/b/${boardId}`);
    const bensScore = ben.counter('Score');
    await expect(bensScore.value).toHaveText('1');
    await expect(bensScore.increment).toBeVisible();
    // Ana's card has them: the page had the time to show them to Ben too.
    await expect(anasScore.options).toBeVisible();
    await expect(bensScore.options).toHaveCount(0);
    for (const action of ['Rename', 'Reset', 'Settings', 'Delete']) {
      await expect(bensScore.root.getByRole('button', { name: action, exact: true })).toHaveCount(0);
    }
  });

  await test.step('A member who sends a reset anyway (as the protocol allows anyone to try) is refused', async () => {
    const member = await MemberSocket.connect(appURL, 'Dan');
    try {
      await member.join(boardId);
      const { id } = await api.counter(boardId, 'Score');
      expect(await member.reset(id)).toBe('forbidden');
    } finally {
      member.close();
    }
    await expect(anasScore.value).toHaveText('1');
    await expect(ben.counter('Score').value).toHaveText('1');
    await expect.poll(() => api.counter(boardId, 'Score')).toMatchObject({ value: 1, version: 1 });
  });
});
