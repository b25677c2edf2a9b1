import { seedBoard } from '../fixtures/seed-board.js';
import { expect, test } from '../fixtures/test.js';

test('io.to(room).emit: an increment on board X shows in every tab on X, sender included, never on board Y', async ({
  api,
  ana,
  ben,
  cleo,
}) => {
  // Both boards have a counter named "Count", so a tab that mixed boards up would show it.
  const x = await seedBoard(api, { label: 'Story 3 X', counters: [{ name: 'Count' }] });
  const y = await seedBoard(api, { label: 'Story 3 Y', counters: [{ name: 'Count' }] });
  await ana.open(x.path);
  await ben.open(x.path);
  await cleo.open(y.path);
  const anasEvents = await ana.openInspector();
  const cleosEvents = await cleo.openInspector();

  await ana.counter('Count').clickIncrement(2);
  await expect(ana.counter('Count').value).toHaveText('2');
  await expect(ben.counter('Count').value).toHaveText('2');
  // The sender gets the broadcast too (not only her optimistic value).
  await expect(anasEvents.getByText(/\bcounter:updated\b/).first()).toBeVisible();
  await expect(ana.counter('Count').pending).toHaveCount(0);

  // Cleo's own click is a later update on her socket: once it is in, X's would be in too.
  await cleo.counter('Count').increment.click();
  await expect(cleo.counter('Count').value).toHaveText('1');
  await expect(cleosEvents.getByText(/\bcounter:updated\b/)).toHaveCount(1);
  await expect(ana.counter('Count').value).toHaveText('2');
  await expect(ben.counter('Count').value).toHaveText('2');
});
