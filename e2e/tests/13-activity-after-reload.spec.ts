import { uniqueBoardName } from '../fixtures/seed-board.js';
import { expect, test } from '../fixtures/test.js';

test("activity: after a reload, Ben's feed still tells who clicked, renamed and reset, by name", async ({
  ana,
  ben,
}) => {
  // Ana creates the board, so she is its owner: she may rename and reset.
  const boardId = await ana.createBoard(uniqueBoardName('Story 13'));
  await ana.addCounter('Count');
  await ben.open(`/b/${boardId}`);
  await expect(ana.members.getByText('Ben')).toBeVisible();

  await test.step('Ana and Ben click; Ana renames the counter and resets it', async () => {
    await ana.counter('Count').clickIncrement(2);
    await expect(ben.counter('Count').value).toHaveText('2');
    await ben.counter('Count').increment.click();
    await expect(ana.counter('Count').value).toHaveText('3');

    await ana.counter('Count').rename('Visitors');
    await expect(ben.counter('Visitors').value).toHaveText('3');
    await ana.counter('Visitors').reset();
    await expect(ben.counter('Visitors').value).toHaveText('0');
    await expect(ana.counter('Visitors').pending).toHaveCount(0);
  });

  await test.step('Ben reloads: what his tab heard live is gone, the recorded feed is not', async () => {
    await ben.page.reload();
    await expect(ben.counter('Visitors').value).toHaveText('0');
    // Newest first; each change under the name the counter had then, and who made it.
    await expect(ben.activity.getByRole('listitem')).toHaveText([
      'Ana reset Visitors from 3',
      'Ana renamed Count to Visitors',
      'Ben +1 on Count',
      'Ana +2 on Count',
      'Ana added Count',
    ]);
  });
});
