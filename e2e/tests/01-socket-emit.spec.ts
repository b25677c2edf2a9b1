import { seedBoard } from '../fixtures/seed-board.js';
import { expect, test } from '../fixtures/test.js';

test('socket.emit: a tab that opens later shows the current values at once; the others get nothing from that', async ({
  api,
  ana,
  ben,
}) => {
  const board = await seedBoard(api, {
    label: 'Story 1',
    counters: [
      { name: 'Apples', value: 7 },
      { name: 'Pears', value: 3 },
    ],
  });
  await ana.open(board.path);
  await expect(ana.counter('Apples').value).toHaveText('7');
  const anasEvents = await ana.openInspector();
  const hellos = anasEvents.getByText(/\bhello\b/);
  const helloCount = await hellos.count();

  await ben.open(board.path);
  await expect(ben.counter('Apples').value).toHaveText('7');
  await expect(ben.counter('Pears').value).toHaveText('3');

  // Ana does hear that Ben arrived (a presence summary naming him, a later event on her socket),
  // so anything sent to her because he connected and joined would be in by now: no hello, no
  // snapshot, no update, and no per-member presence:joined (her tab joined in summary mode).
  await expect(ana.members.getByText('Ben')).toBeVisible();
  await expect(ana.hereNow).toHaveText('2 online');
  await expect(anasEvents.getByText(/\bpresence:summary\b/).first()).toBeVisible();
  await expect(anasEvents.getByText(/\bpresence:joined\b/)).toHaveCount(0);
  await expect(hellos).toHaveCount(helloCount);
  await expect(anasEvents.getByText(/\bcounter:updated\b/)).toHaveCount(0);
  await expect(ana.counter('Apples').value).toHaveText('7');
  await expect(ana.counter('Pears').value).toHaveText('3');
});
